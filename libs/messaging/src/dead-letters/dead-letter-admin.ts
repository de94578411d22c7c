import type { IHeaders, Kafka } from 'kafkajs';
import { headerText } from '../kafka-binding';

/** A dead letter as the operator sees it: where it is, where it came from, and why it failed. */
export interface DeadLetter {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
  readonly originalTopic: string;
  readonly originalPartition: string;
  readonly originalOffset: string;
  readonly consumerGroup: string;
  readonly errorClass: string;
  readonly errorMessage: string;
  readonly failedAt: string;
  readonly eventType: string;
}

/** `<topic>:<partition>:<offset>`, how a dead letter is named on the command line. */
export const deadLetterRef = (d: Pick<DeadLetter, 'topic' | 'partition' | 'offset'>): string => `${d.topic}:${d.partition}:${d.offset}`;

const DLQ_HEADER = /^dlq-/;

/**
 * Reads, replays and purges a dead-letter topic. Reading takes every message
 * between the low and high watermarks of each partition with a throw-away
 * consumer group, so it neither commits offsets nor disturbs the services.
 */
export class DeadLetterAdmin {
  constructor(private readonly kafka: Kafka) {}

  /**
   * Every dead letter of the topic. Reading joins a fresh consumer group,
   * which a loaded broker just restarted can take well over half a minute
   * to admit: `timeoutMs` bounds the whole read (2 minutes by default).
   */
  async list(topic: string, timeoutMs = 120_000): Promise<DeadLetter[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    let offsets: Array<{ partition: number; low: string; high: string }>;
    try {
      const existing = await admin.listTopics();
      if (!existing.includes(topic)) return [];
      offsets = (await admin.fetchTopicOffsets(topic)).map((o) => ({ partition: o.partition, low: o.low, high: o.high }));
    } finally {
      await admin.disconnect();
    }
    const expected = offsets.reduce((n, o) => n + (Number(o.high) - Number(o.low)), 0);
    if (expected === 0) return [];
    const found: DeadLetter[] = [];
    const consumer = this.kafka.consumer({ groupId: `homeward-dlq-reader-${process.pid}-${Date.now()}` });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`read ${found.length} of ${expected} dead letters in ${timeoutMs / 1000} s`)), timeoutMs);
        void consumer.run({
          eachMessage: async ({ partition, message }) => {
            const high = offsets.find((o) => o.partition === partition)?.high;
            if (high !== undefined && Number(message.offset) < Number(high)) found.push(toDeadLetter(topic, partition, message));
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
    return found.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
  }

  /** Sends the message back to its original topic, as it was, without the dead-letter headers. */
  async replay(letter: DeadLetter): Promise<void> {
    const headers = Object.fromEntries(Object.entries(letter.headers).filter(([name]) => !DLQ_HEADER.test(name)));
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      await producer.send({ topic: letter.originalTopic, acks: -1, messages: [{ key: letter.key, value: letter.value, headers }] });
    } finally {
      await producer.disconnect();
    }
  }

  /** Deletes every dead letter of the topic up to now (Kafka deletes records by offset). */
  async purge(topic: string): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      const count = offsets.reduce((n, o) => n + (Number(o.high) - Number(o.low)), 0);
      await admin.deleteTopicRecords({ topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) });
      return count;
    } finally {
      await admin.disconnect();
    }
  }
}

function toDeadLetter(topic: string, partition: number, message: { offset: string; key: Buffer | null; value: Buffer | null; headers?: IHeaders }): DeadLetter {
  const header = (name: string) => headerText(message.headers, name) ?? '';
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value: message.value,
    headers: message.headers ?? {},
    originalTopic: header('dlq-original-topic'),
    originalPartition: header('dlq-original-partition'),
    originalOffset: header('dlq-original-offset'),
    consumerGroup: header('dlq-consumer-group'),
    errorClass: header('dlq-error-class'),
    errorMessage: header('dlq-error-message'),
    failedAt: header('dlq-failed-at'),
    eventType: header('ce_type'),
  };
}
