import type { Kafka } from 'kafkajs';
import { testServers, uniqueName } from '@homeward/testing';
import { ensureTopics } from './ensure-topics';
import { createKafka } from './kafka-client';

const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

/**
 * `npm start` on a fresh broker starts five services at once, each creating
 * the same topics: every one of them must come up (a service once exited on
 * "This server does not host this topic-partition").
 */
describe('ensureTopics on the real Kafka', () => {
  let kafka: Kafka;

  beforeAll(() => {
    kafka = createKafka({ brokers: testServers.kafkaBrokers, clientId: uniqueName('ensure-topics'), logger: quiet });
  });

  it('lets several services create the same new topics at the same moment, each ending with every topic led', async () => {
    const prefix = uniqueName('race');
    const topics = ['intake', 'legal', 'logistics', 'notification', 'dlq'].map((t) => `${prefix}.${t}`);
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => ensureTopics(kafka, topics)));
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics: described } = await admin.fetchTopicMetadata({ topics });
      expect(described.map((t) => [t.name, t.partitions.length, t.partitions.every((p) => p.leader >= 0)]).sort()).toEqual(topics.map((t) => [t, 3, true]).sort());
      await admin.deleteTopics({ topics });
    } finally {
      await admin.disconnect();
    }
  });
});
