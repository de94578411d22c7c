import { z } from 'zod';
import type { EventDefinition } from '../src/define-event';
import { EventAttributes } from '../src/envelope';

export type JsonSchema = z.core.JSONSchema.BaseSchema;

export const ENVELOPE_SCHEMA_ID = 'https://homeward.example/schemas/envelope.json';

/** The generated schemas describe what is on the wire, i.e. what producers emit after parsing. */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'throw' });
}

// Identity keywords first so that a reader of the file sees what it is before how it is built.
function withIdentity(schema: JsonSchema, id: string, title: string, description: string): JsonSchema {
  const { $schema, ...body } = schema;
  return { $schema, $id: id, title, description, ...body };
}

/** JSON Schema of an event's `data`; its `$id` is the CloudEvents `dataschema` of the event. */
export function eventJsonSchema(def: EventDefinition): JsonSchema {
  return withIdentity(jsonSchemaOf(def.schema), def.dataschema, def.type, def.summary);
}

/** JSON Schema of the CloudEvents attributes, as in structured mode or a dead-letter record. */
export function envelopeJsonSchema(): JsonSchema {
  return withIdentity(
    jsonSchemaOf(EventAttributes),
    ENVELOPE_SCHEMA_ID,
    'Homeward event attributes',
    'CloudEvents 1.0 attributes of every Homeward event, with correlationid and causationid.',
  );
}
