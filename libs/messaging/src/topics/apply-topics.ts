import type { Admin, ITopicConfig, Kafka } from 'kafkajs';
import { createTopicsSettled } from '../ensure-topics';
import { physicalTopic } from '../kafka-client';
import type { TopicSpec } from './topic-catalog';

export interface ApplyTopicsOptions {
  readonly prefix: string;
  /** Overrides every spec's replication factor (a single local broker: 1); min.insync.replicas follows it down. */
  readonly replicationFactor?: number;
  /** Only report what would change. */
  readonly dryRun?: boolean;
}

export type TopicOutcome =
  | { readonly topic: string; readonly action: 'created' | 'would-create' }
  | { readonly topic: string; readonly action: 'unchanged' }
  | { readonly topic: string; readonly action: 'configured' | 'would-configure'; readonly changes: string[] }
  /** What apply does not change on an existing topic: it is reported and the run fails. */
  | { readonly topic: string; readonly action: 'differs'; readonly differences: string[] };

/**
 * Makes the cluster's topics what the catalogue declares: creates missing
 * ones, sets retention.ms and min.insync.replicas on existing ones, and
 * reports (without touching) partitions or replication factors that differ,
 * since changing those needs a migration, not a config change.
 */
export async function applyTopics(kafka: Kafka, specs: readonly TopicSpec[], options: ApplyTopicsOptions): Promise<TopicOutcome[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const wanted = specs.map((spec) => {
      const replicationFactor = options.replicationFactor ?? spec.replicationFactor;
      return {
        topic: physicalTopic(options.prefix, spec.name),
        partitions: spec.partitions,
        replicationFactor,
        configs: { 'retention.ms': String(spec.retentionMs), 'min.insync.replicas': String(Math.min(spec.minInsyncReplicas, replicationFactor)) },
      };
    });
    const brokers = (await admin.describeCluster()).brokers.length;
    const tooMany = wanted.find((w) => w.replicationFactor > brokers);
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((w) => !existing.has(w.topic));
    if (tooMany && missing.length > 0) {
      throw new Error(`replication factor ${tooMany.replicationFactor} needs at least ${tooMany.replicationFactor} brokers; the cluster has ${brokers} (use --replication-factor for a smaller development cluster)`);
    }
    const outcomes: TopicOutcome[] = [];
    if (missing.length > 0 && !options.dryRun) {
      await createTopicsSettled(
        admin,
        missing.map<ITopicConfig>((w) => ({
          topic: w.topic,
          numPartitions: w.partitions,
          replicationFactor: w.replicationFactor,
          configEntries: Object.entries(w.configs).map(([name, value]) => ({ name, value })),
        })),
      );
    }
    for (const w of missing) outcomes.push({ topic: w.topic, action: options.dryRun ? 'would-create' : 'created' });
    const present = wanted.filter((w) => existing.has(w.topic));
    if (present.length > 0) outcomes.push(...(await reconcile(admin, present, options.dryRun ?? false)));
    return outcomes;
  } finally {
    await admin.disconnect();
  }
}

type Wanted = { topic: string; partitions: number; replicationFactor: number; configs: Record<string, string> };

async function reconcile(admin: Admin, present: readonly Wanted[], dryRun: boolean): Promise<TopicOutcome[]> {
  const { topics } = await admin.fetchTopicMetadata({ topics: present.map((w) => w.topic) });
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: present.map((w) => ({ type: 2 /* ConfigResourceTypes.TOPIC */, name: w.topic, configNames: Object.keys(w.configs) })),
  });
  const outcomes: TopicOutcome[] = [];
  for (const w of present) {
    const meta = topics.find((t) => t.name === w.topic)!;
    const differences: string[] = [];
    if (meta.partitions.length !== w.partitions) differences.push(`partitions ${meta.partitions.length}, declared ${w.partitions}`);
    const replicas = Math.min(...meta.partitions.map((p) => p.replicas.length));
    if (replicas !== w.replicationFactor) differences.push(`replication factor ${replicas}, declared ${w.replicationFactor}`);
    if (differences.length > 0) {
      outcomes.push({ topic: w.topic, action: 'differs', differences });
      continue;
    }
    const entries = described.resources.find((r) => r.resourceName === w.topic)?.configEntries ?? [];
    const changes = Object.entries(w.configs)
      .filter(([name, value]) => entries.find((e) => e.configName === name)?.configValue !== value)
      .map(([name, value]) => `${name}=${value}`);
    if (changes.length === 0) {
      outcomes.push({ topic: w.topic, action: 'unchanged' });
      continue;
    }
    if (!dryRun) {
      // Incremental in effect: every config this topic should have is given, and only these are managed here.
      await admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: 2, name: w.topic, configEntries: Object.entries(w.configs).map(([name, value]) => ({ name, value })) }],
      });
    }
    outcomes.push({ topic: w.topic, action: dryRun ? 'would-configure' : 'configured', changes });
  }
  return outcomes;
}
