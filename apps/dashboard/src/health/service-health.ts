import type { Admin, Kafka } from 'kafkajs';
import { deadLetterTopic, Topic } from '@homeward/contracts';
import { physicalTopic } from '@homeward/messaging';
import { consumerLag, deadLetterCounts, type DeadLetterCount, type GroupLag } from './kafka-health';

export interface HealthView {
  readonly checkedAt: string;
  readonly consumerGroups: readonly GroupLag[];
  readonly deadLetters: readonly DeadLetterCount[];
  /** Why Kafka could not be read, when it could not; the rest of the page still works. */
  readonly problem?: string;
}

export interface ServiceHealthOptions {
  readonly kafka: Kafka;
  readonly topicPrefix: string;
  readonly groups: readonly string[];
  readonly deadLetterServices: readonly string[];
  /** Answers from Kafka are reused this long: every open page asks every second. */
  readonly cacheMs: number;
}

/** Consumer lag and dead letters, read from Kafka with one admin client. */
export function createServiceHealth(options: ServiceHealthOptions) {
  const topics = Object.values(Topic).map((t) => physicalTopic(options.topicPrefix, t));
  const dlqs = options.deadLetterServices.map((service) => ({ service, topic: physicalTopic(options.topicPrefix, deadLetterTopic(service)) }));
  let admin: Promise<Admin> | undefined;
  let cached: { at: number; value: Promise<HealthView> } | undefined;

  const connect = () =>
    (admin ??= (async () => {
      const client = options.kafka.admin();
      try {
        await client.connect();
        return client;
      } catch (error) {
        admin = undefined;
        throw error;
      }
    })());

  const check = async (): Promise<HealthView> => {
    const checkedAt = new Date().toISOString();
    try {
      const client = await connect();
      const [consumerGroups, deadLetters] = await Promise.all([consumerLag(client, options.groups, topics), deadLetterCounts(client, dlqs)]);
      return { checkedAt, consumerGroups, deadLetters };
    } catch (error) {
      return { checkedAt, consumerGroups: [], deadLetters: [], problem: `Kafka could not be read: ${(error as Error).message}` };
    }
  };

  return {
    read(): Promise<HealthView> {
      if (!cached || Date.now() - cached.at >= options.cacheMs) cached = { at: Date.now(), value: check() };
      return cached.value;
    },
    async close(): Promise<void> {
      const client = admin;
      admin = undefined;
      if (client) await (await client.catch(() => undefined))?.disconnect();
    },
  };
}

export type ServiceHealth = ReturnType<typeof createServiceHealth>;
