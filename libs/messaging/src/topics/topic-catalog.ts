import { deadLetterTopic, Topic } from '@homeward/contracts';
import { physicalTopic } from '../kafka-client';

/** One topic as a deployment must have it. */
export interface TopicSpec {
  /** Logical name; a deployment's HOMEWARD_TOPIC_PREFIX goes in front. */
  readonly name: string;
  /**
   * The ceiling of a consumer group's parallelism (instances beyond it sit
   * idle). Fixed at creation: adding partitions moves keys to other
   * partitions and breaks per-case order, so `topics apply` never does it.
   */
  readonly partitions: number;
  /** Copies on the brokers; with min.insync.replicas 2 a broker may be lost without losing an acknowledged event. */
  readonly replicationFactor: number;
  /** retention.ms; -1 keeps every message (rebuilds replay the topics from the start). */
  readonly retentionMs: number;
  readonly minInsyncReplicas: number;
}

/** Every service with a dead-letter topic of its own (the dashboard too: it consumes every topic). */
export const DEAD_LETTER_SERVICES = ['intake', 'legal', 'logistics', 'notification', 'dashboard'] as const;

/** Every topic's partitions (services creating topics locally use it too). */
export const TOPIC_PARTITIONS = 3;
const REPLICATION_FACTOR = 3;
const MIN_INSYNC_REPLICAS = 2;

/**
 * The one declared list of Homeward's topics: what `npm run topics -- apply`
 * and the Helm chart's topics Job create, and what a service checks at start.
 * Event topics are kept for ever: they are the record local copies and read
 * models are rebuilt from (`npm run rebuild`), and their personal parts are
 * sealed per child, so erasure needs no deletion from Kafka. Dead letters are
 * kept until replayed or purged (`npm run dlq`), never dropped unseen.
 */
export const TOPIC_CATALOG: readonly TopicSpec[] = [
  ...Object.values(Topic).map((name) => ({ name, partitions: TOPIC_PARTITIONS, replicationFactor: REPLICATION_FACTOR, retentionMs: -1, minInsyncReplicas: MIN_INSYNC_REPLICAS })),
  ...DEAD_LETTER_SERVICES.map((service) => ({
    name: deadLetterTopic(service),
    partitions: TOPIC_PARTITIONS,
    replicationFactor: REPLICATION_FACTOR,
    retentionMs: -1,
    minInsyncReplicas: MIN_INSYNC_REPLICAS,
  })),
];

/** The topics a service needs at start: every event topic (it publishes to one, consumes others) and its own dead letters. */
export function topicsOfService(service: string, prefix: string): string[] {
  return [...Object.values(Topic), deadLetterTopic(service)].map((t) => physicalTopic(prefix, t));
}
