import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';

/** One poison message of each kind every consumer must dead-letter (none of them can be read as an event). */
export function malformedMessages(topic: string) {
  const key = randomUUID();
  const headers = (type: string) => ({
    ce_specversion: '1.0',
    ce_id: randomUUID(),
    ce_source: '/homeward/chaos',
    ce_type: type,
    ce_subject: key,
    ce_time: new Date().toISOString(),
    ce_dataschema: `https://homeward.example/schemas/${type}.json`,
    ce_correlationid: `chaos-malformed-${topic}`,
    'content-type': 'application/json',
  });
  return [
    { kind: 'no CloudEvent headers', message: { key, value: JSON.stringify({ caseId: key }), headers: { 'content-type': 'application/json' } } },
    { kind: 'value not JSON', message: { key, value: '{"caseId": "unterminated', headers: headers('case.cleared.v1') } },
    { kind: 'unknown event version', message: { key, value: JSON.stringify({ caseId: key }), headers: headers('case.registered.v99') } },
  ];
}

export interface Injected {
  readonly count: number;
  /** The Kafka key all of a topic's poison messages share, by which their dead letters are recognised. */
  readonly key: string;
}

/** Sends the poison messages to each topic; returns how many went to each, under which key. */
export async function injectMalformed(producer: Producer, topics: readonly string[]): Promise<Map<string, Injected>> {
  const sent = new Map<string, Injected>();
  for (const topic of topics) {
    const messages = malformedMessages(topic).map((m) => m.message);
    await producer.send({ topic, acks: -1, messages });
    sent.set(topic, { count: messages.length, key: messages[0]!.key });
  }
  return sent;
}
