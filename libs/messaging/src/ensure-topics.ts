import type { Admin, ITopicConfig, Kafka } from 'kafkajs';
import { TOPIC_PARTITIONS } from './topics/topic-catalog';

/** How long the services starting together on a fresh broker may take to agree that their topics exist. */
const SETTLE_MS = 60_000;

/**
 * Creates the topics a service publishes to (idempotent), with the
 * catalogue's partitions; a single local broker gets factor 1. Outside
 * production only: a production service requires its topics (requireTopics).
 */
export async function ensureTopics(kafka: Kafka, topics: readonly string[], partitions = TOPIC_PARTITIONS, replicationFactor = 1): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopicsSettled(
      admin,
      topics.map((topic) => ({ topic, numPartitions: partitions, replicationFactor })),
    );
  } finally {
    await admin.disconnect();
  }
}

/**
 * Creates those of the topics that do not exist and waits until every one
 * has a leader on every partition.
 *
 * Services that start together on a fresh broker create the same topics at
 * once: the broker may then answer a metadata request for a topic another
 * service is creating with "This server does not host this topic-partition"
 * (UNKNOWN_TOPIC_OR_PARTITION), which kafkajs does not retry while waiting
 * for leaders. That answer, like any retriable one, is retried here.
 */
export async function createTopicsSettled(admin: Admin, topics: readonly ITopicConfig[]): Promise<void> {
  const started = Date.now();
  const names = topics.map((t) => t.topic);
  for (let attempt = 0; ; attempt++) {
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t.topic));
      if (missing.length > 0) await admin.createTopics({ waitForLeaders: true, topics: [...missing] });
      const { topics: described } = await admin.fetchTopicMetadata({ topics: names });
      const leaderless = described.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0)).map((t) => t.name);
      if (leaderless.length === 0) return;
      throw Object.assign(new Error(`topics without a leader yet: ${leaderless.join(', ')}`), { retriable: true });
    } catch (error) {
      if (!settling(error) || Date.now() - started > SETTLE_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(200 * 2 ** attempt, 2_000)));
    }
  }
}

/** An answer that only says the broker has not caught up with a topic being created (by us or by another service). */
function settling(error: unknown): boolean {
  const e = error as { type?: string; retriable?: boolean; errors?: unknown[] };
  if (e.type === 'UNKNOWN_TOPIC_OR_PARTITION' || e.type === 'LEADER_NOT_AVAILABLE' || e.type === 'TOPIC_ALREADY_EXISTS') return true;
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every(settling)) return true;
  return e.retriable === true;
}
