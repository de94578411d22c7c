import type { Kafka } from 'kafkajs';

/**
 * Creates the topics a service publishes to (idempotent), with enough
 * partitions for per-case parallelism; a single local broker gets factor 1.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly string[], partitions = 3, replicationFactor = 1): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
