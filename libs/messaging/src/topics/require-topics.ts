import type { Kafka } from 'kafkajs';

/**
 * Production start: the topics must exist already, created by the
 * deployment (`npm run topics -- apply`, the chart's topics Job) with their
 * replication factor; a service never creates one with a single replica.
 */
export async function requireTopics(kafka: Kafka, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      throw Object.assign(new Error(`topics missing: ${missing.join(', ')}; in production they are created by \`npm run topics -- apply\` (the Helm chart's topics Job), not by the services`), {
        retriable: false,
      });
    }
  } finally {
    await admin.disconnect();
  }
}
