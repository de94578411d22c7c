import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Kafka, Producer } from 'kafkajs';
import { CaseHoldPlacedV2, CaseRejectedV2, CaseWithdrawnV1, CaseWithdrawnV2, deadLetterTopic, Topic, type EventData, type EventDefinition } from '@homeward/contracts';
import { connectMongo, ProcessedEventStore, sealEvent } from '@homeward/persistence';
import { createPrivacy, DEVELOPMENT_MASTER_KEY, masterKeyRing, type Privacy } from '@homeward/privacy';
import { expectEventually, testServers, uniqueName } from '@homeward/testing';
import { createEventConsumer, on, onEvenIfErased, type EventConsumer } from './event-consumer';
import { createEventFactory } from './event-factory';
import { ensureTopics } from './ensure-topics';
import { toKafkaMessage } from './kafka-binding';
import { createKafka, physicalTopic } from './kafka-client';

const silent = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

/**
 * Events about an erased child on the real broker: their personal part is
 * sealed with a key that no longer exists. Handlers of the structure (a seat
 * released, a file closed) still get them, without the personal part, in the
 * version they name; handlers of the personal data do not.
 */
describe('consumer: events about an erased child', () => {
  const prefix = uniqueName('erased');
  const topics = [physicalTopic(prefix, Topic.intake), physicalTopic(prefix, Topic.legal)];
  const dlq = physicalTopic(prefix, deadLetterTopic('test'));
  const groupId = uniqueName('group');
  let kafka: Kafka;
  let producer: Producer;
  let connection: Connection;
  let privacy: Privacy;
  let consumer: EventConsumer | undefined;
  const structural: Array<{ type: string; data: Record<string, unknown> }> = [];
  const personal: Array<{ type: string; caseId: string; reason: string }> = [];

  const send = async <TDef extends EventDefinition>(definition: TDef, data: EventData<TDef>) => {
    const event = await sealEvent(privacy, createEventFactory('/homeward/test')(definition, data, { correlationid: randomUUID() }));
    await producer.send({ topic: physicalTopic(prefix, definition.topic), messages: [toKafkaMessage(event)] });
    return event.id;
  };

  beforeAll(async () => {
    kafka = createKafka({ brokers: testServers.kafkaBrokers, clientId: prefix, logger: silent });
    await ensureTopics(kafka, [...topics, dlq]);
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    connection = await connectMongo({ url: testServers.mongoUrl, dbName: uniqueName('erased') });
    privacy = await createPrivacy(connection, { masterKeys: masterKeyRing(DEVELOPMENT_MASTER_KEY), keyVaultDb: uniqueName('erased-vault'), cacheTtlMs: 0 });
  });

  const startConsumer = async () => {
    consumer = createEventConsumer({
      kafka,
      fromBeginning: true,
      groupId,
      topicPrefix: prefix,
      processed: new ProcessedEventStore(connection),
      deadLetter: { producer, topic: dlq },
      logger: silent,
      personalData: privacy,
      handlers: [
        // A v1 handler of a v2 event: v1 carries the reason in plain, which an erased child's event no longer has.
        onEvenIfErased(CaseWithdrawnV1, async (event) => void structural.push({ type: event.type, data: event.data })),
        onEvenIfErased(CaseRejectedV2, async (event) => void structural.push({ type: event.type, data: event.data })),
        on(CaseHoldPlacedV2, async (event) => void personal.push({ type: event.type, caseId: event.data.caseId, reason: event.data.personal.reason })),
      ],
    });
    await consumer.start();
  };

  afterAll(async () => {
    await consumer?.stop();
    await producer.disconnect();
    await connection.dropDatabase();
    await connection.useDb(privacy.vault.databaseName).dropDatabase();
    await connection.close();
  });

  it('applies the structural effect of an erased child’s later rejection and withdrawal, without the personal part, and skips the personal handlers', async () => {
    const [erased, kept] = [randomUUID(), randomUUID()];
    // Sealed while the key exists, as the relay publishes; then the child is erased before anyone consumes.
    const sealedFirst = async () => {
      const ids = [
        await send(CaseWithdrawnV2, { caseId: erased, withdrawnAt: '2019-06-20T09:00:00Z', personal: { reason: 'Family reunited locally' } }),
        await send(CaseRejectedV2, { caseId: erased, requirement: 'nationality-verified', rejectedBy: 'supervisor-1', rejectedAt: '2019-06-30T10:00:00Z', personal: { reason: 'No evidence' } }),
        await send(CaseHoldPlacedV2, { caseId: erased, holdId: randomUUID(), category: 'medical', placedBy: 'lo-1', placedAt: '2019-06-17T09:00:00Z', personal: { reason: 'Fever' } }),
      ];
      return ids;
    };
    const erasedIds = await sealedFirst();
    await privacy.erase(erased);
    await send(CaseWithdrawnV2, { caseId: kept, withdrawnAt: '2019-06-21T09:00:00Z', personal: { reason: 'Guardian withdrew consent' } });
    await send(CaseHoldPlacedV2, { caseId: kept, holdId: randomUUID(), category: 'security', placedBy: 'lo-1', placedAt: '2019-06-18T09:00:00Z', personal: { reason: 'Screening pending' } });
    await startConsumer();

    await expectEventually(() => expect(structural).toHaveLength(3), { timeoutMs: 60_000 });
    await expectEventually(() => expect(personal).toHaveLength(1), { timeoutMs: 60_000 });
    // Two topics: no order between them.
    const ofErased = structural.filter((e) => e.data['caseId'] === erased).sort((a, b) => b.type.localeCompare(a.type));
    expect(ofErased).toEqual([
      { type: 'case.withdrawn.v1', data: { caseId: erased, withdrawnAt: '2019-06-20T09:00:00Z' } },
      { type: 'case.rejected.v2', data: { caseId: erased, requirement: 'nationality-verified', rejectedBy: 'supervisor-1', rejectedAt: '2019-06-30T10:00:00Z' } },
    ]);
    // A child whose key exists: every handler, with the personal part open (the v1 handler downcast, reason in plain).
    expect(structural.find((e) => e.data['caseId'] === kept)).toEqual({ type: 'case.withdrawn.v1', data: { caseId: kept, withdrawnAt: '2019-06-21T09:00:00Z', reason: 'Guardian withdrew consent' } });
    expect(personal).toEqual([{ type: 'case.hold-placed.v2', caseId: kept, reason: 'Screening pending' }]);

    // Every one of them processed once, none dead-lettered.
    const processed = new ProcessedEventStore(connection);
    for (const id of erasedIds) expect(await processed.has(groupId, id)).toBe(true);
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect((await admin.fetchTopicOffsets(dlq)).reduce((n, o) => n + Number(o.high), 0)).toBe(0);
    } finally {
      await admin.disconnect();
    }
  });
});
