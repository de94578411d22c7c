import type { EventDefinition } from '../src/define-event';
import { envelopeJsonSchema, type JsonSchema } from './event-json-schema';

// CloudEvents Kafka protocol binding, binary content mode:
// https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md#32-binary-content-mode
// Each attribute travels as a `ce_<name>` header, except datacontenttype, which is `content-type`.
const CE_PREFIX = 'ce_';
const CONTENT_TYPE = 'content-type';

// W3C Trace Context, https://www.w3.org/TR/trace-context/#traceparent-header
const traceHeaders: Record<string, JsonSchema> = {
  traceparent: {
    type: 'string',
    pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
    description: 'W3C trace context of the producing span, version-traceid-parentid-flags.',
  },
  tracestate: {
    type: 'string',
    description: 'W3C vendor-specific trace state that accompanies traceparent.',
  },
};

/**
 * Headers of one event type's Kafka record, derived from the envelope schema so
 * the AsyncAPI document cannot drift from EventAttributes. `ce_type` and
 * `ce_dataschema` are pinned to the event so a reader sees which values go with
 * which payload.
 */
export function kafkaHeadersSchema(def: EventDefinition): JsonSchema {
  const envelope = envelopeJsonSchema();
  const attributes = envelope.properties ?? {};
  const pinned: Record<string, string> = { type: def.type, dataschema: def.dataschema };
  const properties: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(attributes)) {
    if (typeof schema === 'boolean') throw new Error(`envelope attribute ${name} has no schema`);
    if (name === 'datacontenttype') continue;
    const value = pinned[name];
    properties[CE_PREFIX + name] = value === undefined ? schema : { ...schema, const: value };
  }
  const contentType = attributes['datacontenttype'];
  if (contentType === undefined || typeof contentType === 'boolean') throw new Error('envelope has no datacontenttype');
  properties[CONTENT_TYPE] = contentType;
  const required = (envelope.required ?? []).map((name) =>
    name === 'datacontenttype' ? CONTENT_TYPE : CE_PREFIX + name,
  );
  return {
    type: 'object',
    description: 'CloudEvents binary-mode Kafka headers and W3C trace context.',
    properties: { ...properties, ...traceHeaders },
    required,
  };
}
