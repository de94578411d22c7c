import type { IHeaders, Message } from 'kafkajs';
import { EventAttributes, type EventEnvelope } from '@homeward/contracts';
import { PoisonMessageError } from '@homeward/errors';
import type { PendingEvent } from '@homeward/persistence';

const ATTRIBUTE_HEADERS = [
  'specversion',
  'id',
  'source',
  'type',
  'subject',
  'time',
  'dataschema',
  'correlationid',
  'causationid',
] as const;

/**
 * CloudEvents Kafka protocol binding, binary content mode: attributes as
 * `ce_*` headers, the value is the JSON of `data`, the key is the subject.
 */
export function toKafkaMessage(event: PendingEvent): Message {
  const headers: IHeaders = { 'content-type': 'application/json', ce_specversion: '1.0' };
  for (const name of ATTRIBUTE_HEADERS) {
    const value = name === 'specversion' ? '1.0' : event[name];
    if (value !== undefined) headers[`ce_${name}`] = value;
  }
  return { key: event.key, value: JSON.stringify(event.data), headers };
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined ? undefined : value.toString();
}

/** Reads the envelope back; anything that is not a valid CloudEvent is poison, never retried. */
export function fromKafkaMessage(message: { headers?: IHeaders; value: Buffer | null }): EventEnvelope {
  const attributes: Record<string, string | undefined> = { datacontenttype: headerText(message.headers, 'content-type') };
  for (const name of ATTRIBUTE_HEADERS) attributes[name] = headerText(message.headers, `ce_${name}`);
  const parsed = EventAttributes.safeParse(Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    throw new PoisonMessageError(`not a Homeward CloudEvent: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  if (!message.value) throw new PoisonMessageError(`event ${parsed.data.id} has no value`);
  let data: unknown;
  try {
    data = JSON.parse(message.value.toString('utf8'));
  } catch {
    throw new PoisonMessageError(`event ${parsed.data.id} value is not JSON`);
  }
  return { ...parsed.data, data };
}
