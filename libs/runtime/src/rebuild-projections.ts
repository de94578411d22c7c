import type { Connection } from 'mongoose';
import { Partitioners } from 'kafkajs';
import { deadLetterTopic } from '@homeward/contracts';
import { createEventConsumer, createEventFactory, createKafka, createOutboxRelay, physicalTopic } from '@homeward/messaging';
import { connectMongo, OutboxStore, ProcessedEventStore, syncIndexes, usePersonalDataCodec } from '@homeward/persistence';
import { createPrivacy, privacySettings } from '@homeward/privacy';
import type { Logger } from 'pino';
import type { ServiceConfig } from './service-env';
import type { ServiceContext, ServiceDefinition } from './start-service';

export interface ProjectionComparison {
  readonly collection: string;
  readonly before: number;
  readonly after: number;
  /** Ids of documents missing, extra or different after the rebuild. */
  readonly differing: readonly string[];
}

export interface RebuildOutcome {
  readonly groupId: string;
  readonly eventsProcessed: number;
  readonly projections: readonly ProjectionComparison[];
  readonly same: boolean;
}

const BACKUP_SUFFIX = '_before_rebuild';

async function documents(connection: Connection, collection: string): Promise<Map<string, string>> {
  const docs = await connection.db!.collection(collection).find({}).toArray();
  return new Map(docs.map((d) => [String(d._id), JSON.stringify(d)]));
}

/**
 * Rebuilds a service's projections from the topics, with the service
 * stopped: each projection collection is copied aside and emptied, a fresh
 * consumer group reads every topic from the earliest offset to the end as it
 * was when the rebuild started, and the result is compared with the copy.
 * The copy is dropped when they agree and kept (`<name>_before_rebuild`) when
 * they do not, for whoever investigates.
 */
export async function rebuildProjections(definition: ServiceDefinition, config: ServiceConfig, logger: Logger): Promise<RebuildOutcome> {
  const connection = await connectMongo({ url: config.MONGO_URL, dbName: config.MONGO_DB, security: config.mongoSecurity });
  // As the service itself: personal fields sealed with the child's key, events opened before their handlers.
  const privacy = await createPrivacy(connection, privacySettings(config));
  usePersonalDataCodec(connection, privacy);
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: `homeward-${definition.name}-rebuild`, logger });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const admin = kafka.admin();
  const groupId = `${config.KAFKA_GROUP_ID}-rebuild-${Date.now().toString(36)}`;
  try {
    const outboxModels = definition.models(connection);
    const context: ServiceContext = { connection, events: createEventFactory(`/homeward/${definition.name}`), published: () => undefined, logger, privacy, agencies: config.agencies };
    const projections = definition.projections?.(context) ?? [];
    if (projections.length === 0) throw new Error(`${definition.name} declares no projections to rebuild`);
    const handlers = projections.flatMap((p) => p.handlers);
    const topics = [...new Set(handlers.map((h) => physicalTopic(config.HOMEWARD_TOPIC_PREFIX, h.definition.topic)))];

    const before = new Map<string, Map<string, string>>();
    for (const { collection } of projections) {
      before.set(collection, await documents(connection, collection));
      // An aggregate projection keeps its truth in a commit log beside it (AggregateStore): that goes too.
      for (const name of [collection, `${collection}_commits`, `${collection}_outbox`]) await setAside(connection, name);
    }
    await syncIndexes(connection);

    await admin.connect();
    const ends = new Map<string, Map<number, number>>();
    for (const topic of topics) ends.set(topic, new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)])));
    await producer.connect();
    // The relay brings an aggregate's current-state document up to date from its commits.
    const relay = createOutboxRelay({ producer, stores: outboxModels.map((m) => new OutboxStore(m)), topicPrefix: config.HOMEWARD_TOPIC_PREFIX, logger, pollMs: 100 });
    relay.start();
    const consumer = createEventConsumer({
      kafka,
      groupId,
      topicPrefix: config.HOMEWARD_TOPIC_PREFIX,
      handlers,
      processed: new ProcessedEventStore(connection),
      deadLetter: { producer, topic: physicalTopic(config.HOMEWARD_TOPIC_PREFIX, deadLetterTopic(definition.name)) },
      logger,
      personalData: privacy,
      fromBeginning: true,
    });
    await consumer.start();
    try {
      await consumedToEnd(admin, groupId, ends);
    } finally {
      await consumer.stop();
      await relay.stop();
    }

    const comparisons: ProjectionComparison[] = [];
    for (const { collection } of projections) {
      const was = before.get(collection)!;
      const now = await documents(connection, collection);
      const ids = new Set([...was.keys(), ...now.keys()]);
      const differing = [...ids].filter((id) => was.get(id) !== now.get(id)).sort();
      comparisons.push({ collection, before: was.size, after: now.size, differing });
      if (differing.length > 0) continue;
      for (const name of [collection, `${collection}_commits`, `${collection}_outbox`]) {
        await connection.db!.collection(`${name}${BACKUP_SUFFIX}`).drop().catch(() => undefined);
      }
    }
    const processed = connection.db!.collection('processed_events');
    const eventsProcessed = await processed.countDocuments({ group: groupId });
    // The rebuild group's records served only the rebuild.
    await processed.deleteMany({ group: groupId });
    await admin.deleteGroups([groupId]).catch(() => undefined);
    return { groupId, eventsProcessed, projections: comparisons, same: comparisons.every((c) => c.differing.length === 0) };
  } finally {
    await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
    await connection.close();
  }
}

/** Copies a collection to `<name>_before_rebuild` (replacing an older copy) and drops it. */
async function setAside(connection: Connection, name: string): Promise<void> {
  const backup = connection.db!.collection(`${name}${BACKUP_SUFFIX}`);
  await backup.drop().catch(() => undefined);
  const docs = await connection.db!.collection(name).find({}).toArray();
  if (docs.length > 0) await backup.insertMany(docs);
  await connection.db!.collection(name).drop().catch(() => undefined);
}

/** Polls the group's committed offsets until every partition reached the end it had when the rebuild began. */
async function consumedToEnd(admin: ReturnType<ReturnType<typeof createKafka>['admin']>, groupId: string, ends: Map<string, Map<number, number>>): Promise<void> {
  for (;;) {
    const committed = await admin.fetchOffsets({ groupId, topics: [...ends.keys()] });
    const behind = committed.some(({ topic, partitions }) =>
      [...(ends.get(topic) ?? new Map<number, number>())].some(([partition, end]) => {
        const at = Number(partitions.find((p) => p.partition === partition)?.offset ?? -1);
        return end > 0 && at < end;
      }),
    );
    if (!behind) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
