import type { Connection } from 'mongoose';
import { Partitioners } from 'kafkajs';
import { deadLetterTopic } from '@homeward/contracts';
import { createEventConsumer, createEventFactory, createKafka, createOutboxRelay, physicalTopic } from '@homeward/messaging';
import { connectMongo, OutboxStore, ProcessedEventStore, syncIndexes, usePersonalDataCodec } from '@homeward/persistence';
import { createPrivacy, isSealed, privacySettings, type Privacy } from '@homeward/privacy';
import type { Logger } from 'pino';
import type { ServiceConfig } from './service-env';
import type { Projection, ServiceContext, ServiceDefinition } from './start-service';

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

/**
 * The aggregate store's bookkeeping beside a document's state (unpublished
 * events, consumed event ids): what the replay's order and timing decide,
 * not what the projection holds.
 */
const BOOKKEEPING = new Set(['outbox', 'outboxAt', 'inbox']);

/**
 * Objects written with their keys in order: a document's fields come in the
 * order its writes first set them (a movement's passengers before its
 * schedule when a case's event came first), which says nothing; arrays keep theirs.
 */
const orderedKeys = (_key: string, value: unknown): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && Object.getPrototypeOf(value) === Object.prototype
    ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, (value as Record<string, unknown>)[k]]))
    : value;

/**
 * Each document as compared: a sealed personal field (AES-GCM, a fresh IV at
 * every seal) is compared by what it holds, opened with the child's key, and
 * stays marked sealed, so a rebuild that wrote it in clear would differ.
 */
async function documents(connection: Connection, { collection, comparable = (d) => d }: Projection, privacy: Privacy): Promise<Map<string, string>> {
  const docs = await connection.db!.collection(collection).find({}).toArray();
  const compared = await Promise.all(
    docs.map(async (d) => {
      const id = String(d._id);
      const fields = await Promise.all(
        Object.entries(d).filter(([field]) => !BOOKKEEPING.has(field)).map(async ([field, value]) => [field, isSealed(value) ? { sealed: await privacy.open(id, field, value) } : value] as const),
      );
      return [id, JSON.stringify(comparable(Object.fromEntries(fields)), orderedKeys)] as const;
    }),
  );
  return new Map(compared);
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
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: `homeward-${definition.name}-rebuild`, logger, ...config.kafkaSecurity });
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

    // Where the topics end now, asked before anything is touched: a broker that cannot answer leaves the copies as they are.
    await admin.connect();
    const ends = new Map<string, Map<number, number>>();
    for (const topic of topics) ends.set(topic, new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)])));

    const before = new Map<string, Map<string, string>>();
    for (const projection of projections) before.set(projection.collection, await documents(connection, projection, privacy));
    const aside: string[] = [];
    try {
      for (const name of projections.map((p) => p.collection)) {
        await setAside(connection, name);
        aside.push(name);
      }
      await syncIndexes(connection);
      await producer.connect();
      // Events the replayed handlers cause leave the documents' outboxes as in the service.
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
      try {
        await consumer.start();
        await consumedToEnd(admin, groupId, ends);
      } finally {
        await consumer.stop();
        await relay.stop();
      }
    } catch (error) {
      // A replay cut short must not leave the service with half its copies: put the old ones back.
      for (const name of aside) await restore(connection, name);
      throw error;
    }

    const comparisons: ProjectionComparison[] = [];
    for (const projection of projections) {
      const { collection } = projection;
      const was = before.get(collection)!;
      const now = await documents(connection, projection, privacy);
      const ids = new Set([...was.keys(), ...now.keys()]);
      const differing = [...ids].filter((id) => was.get(id) !== now.get(id)).sort();
      comparisons.push({ collection, before: was.size, after: now.size, differing });
      if (differing.length > 0) continue;
      await connection.db!.collection(`${collection}${BACKUP_SUFFIX}`).drop().catch(() => undefined);
    }
    const processed = connection.db!.collection('processed_events');
    const eventsProcessed = await processed.countDocuments({ group: groupId });
    // The rebuild group's records served only the rebuild.
    await processed.deleteMany({ group: groupId });
    await admin.deleteGroups([groupId]).catch(() => undefined);
    return { groupId, eventsProcessed, projections: comparisons, same: comparisons.every((c) => c.differing.length === 0) };
  } finally {
    await Promise.allSettled([producer.disconnect(), admin.disconnect(), definition.close?.()]);
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

/** Puts the copy set aside back in place of whatever the interrupted rebuild wrote. */
async function restore(connection: Connection, name: string): Promise<void> {
  const docs = await connection.db!.collection(`${name}${BACKUP_SUFFIX}`).find({}).toArray();
  await connection.db!.collection(name).deleteMany({});
  if (docs.length > 0) await connection.db!.collection(name).insertMany(docs);
  await connection.db!.collection(`${name}${BACKUP_SUFFIX}`).drop().catch(() => undefined);
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
