import type { Kafka, KafkaMessage } from 'kafkajs';
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

export interface TopicMessage {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
}

/** The first offset of each partition to read; absent partitions are read from their start. */
export type StartOffsets = ReadonlyMap<number, number>;

/** Every message of a topic between its watermarks, read by a throw-away group that commits nothing. */
export async function readTopic(kafka: Kafka, topic: string, timeoutMs = 180_000): Promise<TopicRecord[]> {
  return (await readTopicMessages(kafka, topic, timeoutMs)).map(({ partition, message }) => ({
    topic,
    partition,
    offset: Number(message.offset),
    key: message.key?.toString('utf8'),
    id: headerText(message.headers, 'ce_id'),
    type: headerText(message.headers, 'ce_type'),
  }));
}

/** The high watermark of every partition of a topic now: where a later read starts. */
export async function topicEnds(kafka: Kafka, topic: string): Promise<Map<number, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
  } finally {
    await admin.disconnect();
  }
}

/** The messages of a topic from `from` (or its start) to its high watermarks now, whole (headers, value, broker timestamp). */
export async function readTopicMessages(kafka: Kafka, topic: string, timeoutMs = 180_000, from?: StartOffsets): Promise<TopicMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const startOf = (partition: number, low: string) => Math.max(Number(low), from?.get(partition) ?? 0);
  const expected = offsets.reduce((n, o) => n + Math.max(0, Number(o.high) - startOf(o.partition, o.low)), 0);
  if (expected === 0) return [];
  const found: TopicMessage[] = [];
  const consumer = kafka.consumer({ groupId: `chaos-audit-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`, maxBytes: 50 * 1024 * 1024 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let running: Promise<void> = Promise.resolve();
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${found.length} of ${expected} messages of ${topic} in ${timeoutMs / 1000} s`)), timeoutMs);
      running = consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const o = offsets.find((p) => p.partition === partition);
          const offset = Number(message.offset);
          if (o !== undefined && offset >= startOf(partition, o.low) && offset < Number(o.high)) found.push({ topic, partition, message });
          if (found.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await running;
    // Skip what came before the window instead of reading it (seek needs a running consumer).
    if (from) for (const o of offsets) consumer.seek({ topic, partition: o.partition, offset: String(startOf(o.partition, o.low)) });
    await done;
  } finally {
    await consumer.disconnect();
  }
  return found;
}
