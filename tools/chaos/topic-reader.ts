import type { Kafka } from 'kafkajs';
import { headerText } from '@homeward/messaging';

export interface TopicRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string | undefined;
  /** ce_id, ce_type: undefined for a message that is no CloudEvent. */
  readonly id: string | undefined;
  readonly type: string | undefined;
}

/** Every message of a topic between its watermarks, read by a throw-away group that commits nothing. */
export async function readTopic(kafka: Kafka, topic: string, timeoutMs = 180_000): Promise<TopicRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const expected = offsets.reduce((n, o) => n + (Number(o.high) - Number(o.low)), 0);
  if (expected === 0) return [];
  const found: TopicRecord[] = [];
  const consumer = kafka.consumer({ groupId: `chaos-audit-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`, maxBytes: 50 * 1024 * 1024 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${found.length} of ${expected} messages of ${topic} in ${timeoutMs / 1000} s`)), timeoutMs);
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const high = offsets.find((o) => o.partition === partition)?.high;
          if (high !== undefined && Number(message.offset) < Number(high)) {
            found.push({
              topic,
              partition,
              offset: Number(message.offset),
              key: message.key?.toString('utf8'),
              id: headerText(message.headers, 'ce_id'),
              type: headerText(message.headers, 'ce_type'),
            });
          }
          if (found.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return found;
}
