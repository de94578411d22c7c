import { subjectField, type EventDefinition } from '../src/define-event';
import { eventCatalog } from '../src/registry';
import { Topic } from '../src/topics';
import { eventJsonSchema, type JsonSchema } from './event-json-schema';
import { kafkaHeadersSchema } from './kafka-headers';

/** Bump the minor version when an event type is added; a breaking change gets a new topic version instead. */
const DOCUMENT_VERSION = '1.0.0';
const KAFKA_BINDING_VERSION = '0.5.0';

/** The data field that holds the Kafka key, per aggregate (DESIGN: key = case id or movement id). */

type TopicName = keyof typeof Topic;
const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

function keySchema(def: EventDefinition, payload: JsonSchema): JsonSchema {
  const field = subjectField(def.keyedBy);
  const schema = payload.properties?.[field];
  if (schema === undefined || typeof schema === 'boolean') {
    throw new Error(`${def.type} is keyed by ${def.keyedBy} but its data has no ${field}`);
  }
  const description = `The ${def.keyedBy} id (data.${field}), also ce_subject; keeps each ${def.keyedBy}'s events in order.`;
  return { ...schema, description };
}

// AsyncAPI Schema Objects are a superset of draft-07 and know no `$schema`; every
// keyword zod emits for our schemas means the same in draft-07 and 2020-12.
function asAsyncApiSchema(schema: JsonSchema): JsonSchema {
  const { $schema: _draft, ...rest } = schema;
  return rest;
}

function message(def: EventDefinition): Record<string, unknown> {
  const payload = eventJsonSchema(def);
  return {
    name: def.type,
    title: def.type,
    summary: def.summary,
    contentType: 'application/json',
    headers: kafkaHeadersSchema(def),
    payload: { $ref: `#/components/schemas/${def.type}` },
    correlationId: {
      description: 'Id shared by every event that one command caused.',
      location: '$message.header#/ce_correlationid',
    },
    bindings: { kafka: { key: asAsyncApiSchema(keySchema(def, payload)), bindingVersion: KAFKA_BINDING_VERSION } },
  };
}

export function buildAsyncApiDocument(events: readonly EventDefinition[] = eventCatalog): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};

  for (const [service, address] of Object.entries(Topic) as [TopicName, Topic][]) {
    const onTopic = events.filter((def) => def.topic === address);
    if (onTopic.length === 0) continue;
    channels[service] = {
      address,
      title: address,
      description: `Events published by the ${service} service, keyed by aggregate id.`,
      messages: Object.fromEntries(onTopic.map((def) => [def.type, { $ref: `#/components/messages/${def.type}` }])),
      bindings: { kafka: { topic: address, bindingVersion: KAFKA_BINDING_VERSION } },
    };
    operations[`send${capitalise(service)}Events`] = {
      action: 'send',
      channel: { $ref: `#/channels/${service}` },
      summary: `apps/${service} publishes its events through its outbox relay.`,
      messages: onTopic.map((def) => ({ $ref: `#/channels/${service}/messages/${def.type}` })),
    };
    for (const def of onTopic) {
      messages[def.type] = message(def);
      schemas[def.type] = asAsyncApiSchema(eventJsonSchema(def));
    }
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Homeward events',
      version: DOCUMENT_VERSION,
      description:
        'Events the Homeward services publish on Kafka: CloudEvents 1.0 in binary content mode ' +
        '(attributes in ce_* headers, data as the JSON value). Personal parts of the data travel encrypted.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'The single-node KRaft broker that the project scripts start on loopback for development and tests.',
      },
    },
    channels,
    operations,
    components: { messages, schemas },
  };
}
