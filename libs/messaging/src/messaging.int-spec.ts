import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { CaseClearedV1, deadLetterTopic, Topic, type CaseClearedV1Data } from '@homeward/contracts';
import { TransientError } from '@homeward/errors';
import { aggregateModel, AggregateStore, connectMongo, OutboxStore, ProcessedEventStore, syncIndexes } from '@homeward/persistence';
import { expectEventually, testServers, uniqueName } from '@homeward/testing';
import { createEventConsumer, on, type EventConsumer } from './event-consumer';
import { createEventFactory } from './event-factory';
import { ensureTopics } from './ensure-topics';
import { createKafka, physicalTopic } from './kafka-client';
import { createOutboxRelay, type OutboxRelay } from './outbox-relay';
import { DeadLetterAdmin, deadLetterRef } from './dead-letters/dead-letter-admin';

const silent = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

const cleared = (caseId: string, n: number): CaseClearedV1Data => ({
  caseId,
  programmeId: `programme-${n}`,
  destinationState: 'RU',
  clearedAt: new Date().toISOString(),
  approvedBy: ['legal-officer-1', 'supervisor-1'],
});

describe('outbox relay and idempotent consumer on the real Kafka and MongoDB-wire server', () => {
  const prefix = uniqueName('msg');
  const topic = physicalTopic(prefix, Topic.legal);
  const dlq = physicalTopic(prefix, deadLetterTopic('test'));
  let kafka: Kafka;
  let producer: Producer;
  let connection: Connection;
  let store: AggregateStore<{ label: string }>;
  let relay: OutboxRelay;
  let consumer: EventConsumer;
  const seen: Array<{ id: string; caseId: string; programmeId: string }> = [];
  let failuresLeft = 0;
  const events = createEventFactory('/homeward/test');

  beforeAll(async () => {
    kafka = createKafka({ brokers: testServers.kafkaBrokers, clientId: prefix, logger: silent });
    await ensureTopics(kafka, [topic, dlq]);
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    connection = await connectMongo({ url: testServers.mongoUrl, dbName: uniqueName('messaging') });
    const model = aggregateModel<{ label: string }>('Thing', new Schema({ _id: String, label: String }, { collection: 'things', versionKey: false }))(connection);
    await syncIndexes(connection);
    store = new AggregateStore(model as never);
    relay = createOutboxRelay({ producer, stores: [new OutboxStore(model as unknown as Model<never>)], topicPrefix: prefix, logger: silent, pollMs: 50 });
    relay.start();
    consumer = createEventConsumer({
      kafka,
      groupId: uniqueName('group'),
      topicPrefix: prefix,
      processed: new ProcessedEventStore(connection),
      deadLetter: { producer, topic: dlq },
      logger: silent,
      retry: { initialMs: 20, maxMs: 100, giveUpAfterMs: 1_000 },
      handlers: [
        on(CaseClearedV1, async (event) => {
          if (event.data.programmeId === 'never-available') throw new TransientError('what this event needs never arrives');
          if (failuresLeft > 0) {
            failuresLeft--;
            throw new TransientError('database briefly unavailable');
          }
          seen.push({ id: event.id, caseId: event.data.caseId, programmeId: event.data.programmeId });
        }),
      ],
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer.stop();
    await relay.stop();
    await producer.disconnect();
    await connection.dropDatabase();
    await connection.close();
  });

  it('publishes committed events in order per case, each handled once, through transient failures', async () => {
    const caseIds: string[] = [randomUUID(), randomUUID(), randomUUID()];
    failuresLeft = 2;
    for (const caseId of caseIds) {
      const batch = [1, 2, 3].map((n) => events(CaseClearedV1, cleared(caseId, n), { correlationid: caseId }));
      await store.create(caseId, { label: 'x' }, batch);
    }
    relay.notify();
    await expectEventually(() => expect(seen.filter((s) => caseIds.includes(s.caseId))).toHaveLength(9));
    for (const caseId of caseIds) {
      expect(seen.filter((s) => s.caseId === caseId).map((s) => s.programmeId)).toEqual(['programme-1', 'programme-2', 'programme-3']);
    }
    expect(failuresLeft).toBe(0);
  });

  it('ignores a redelivered event', async () => {
    const caseId = randomUUID();
    const event = events(CaseClearedV1, cleared(caseId, 7), { correlationid: caseId });
    await store.create(caseId, { label: 'y' }, [event]);
    await expectEventually(() => expect(seen.filter((s) => s.caseId === caseId)).toHaveLength(1));
    // The relay crashed after the broker's acknowledgement: the same event again.
    await store.update(caseId, 1, {}, [event]);
    const marker: string = randomUUID();
    await store.create(marker, { label: 'z' }, [events(CaseClearedV1, cleared(marker, 8), { correlationid: marker })]);
    relay.notify();
    await expectEventually(() => expect(seen.some((s) => s.caseId === marker)).toBe(true));
    expect(seen.filter((s) => s.caseId === caseId)).toHaveLength(1);
  });

  it('dead-letters a message that breaks its contract and moves on', async () => {
    const caseId = randomUUID();
    const bad = events(CaseClearedV1, cleared(caseId, 9), { correlationid: caseId });
    await producer.send({
      topic,
      messages: [
        {
          key: caseId,
          value: JSON.stringify({ ...(bad.data as object), approvedBy: [] }),
          headers: { ce_specversion: '1.0', ce_id: bad.id, ce_source: bad.source, ce_type: bad.type, ce_subject: caseId, ce_time: bad.time, ce_dataschema: bad.dataschema, ce_correlationid: caseId, 'content-type': 'application/json' },
        },
        { key: caseId, value: 'not json at all', headers: { 'content-type': 'application/json' } },
      ],
    });
    // A retriable failure that never clears blocks its partition only for a while.
    const stuck = randomUUID();
    await store.create(stuck, { label: 'stuck' }, [events(CaseClearedV1, { ...cleared(stuck, 11), programmeId: 'never-available' }, { correlationid: stuck })]);
    const good = randomUUID();
    await store.create(good, { label: 'ok' }, [events(CaseClearedV1, cleared(good, 10), { correlationid: good })]);
    relay.notify();
    await expectEventually(() => expect(seen.some((s) => s.caseId === good)).toBe(true));

    const dead: KafkaMessage[] = [];
    const reader = kafka.consumer({ groupId: uniqueName('dlq-reader') });
    await reader.connect();
    await reader.subscribe({ topic: dlq, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void dead.push(message) });
    try {
      await expectEventually(() => expect(dead).toHaveLength(3), { timeoutMs: 30_000 });
    } finally {
      await reader.disconnect();
    }
    const all = dead.map((m) => Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)])));
    // The two poison messages share a key (one partition, in order); the stuck one may be on another partition.
    const headers = [...all.filter((h) => h['dlq-original-key'] === caseId), ...all.filter((h) => h['dlq-original-key'] === stuck)];
    expect(headers[0]).toMatchObject({ 'dlq-original-topic': topic, 'dlq-original-key': caseId, 'dlq-error-class': 'PoisonMessageError' });
    expect(headers[0]!['dlq-error-message']).toMatch(/approvedBy/);
    expect(headers[0]!['dlq-original-partition']).toMatch(/^\d+$/);
    expect(headers[0]!['dlq-original-offset']).toMatch(/^\d+$/);
    expect(headers[1]!['dlq-error-message']).toMatch(/not a Homeward CloudEvent/);
    expect(headers[2]).toMatchObject({ 'dlq-original-key': stuck, 'dlq-error-class': 'RetriesExhaustedError' });
    expect(headers[2]!['dlq-error-message']).toMatch(/gave up after \d+ attempts .*never arrives/);
    expect(seen.some((s) => s.caseId === caseId)).toBe(false);
  });

  it('lists, replays and purges dead letters', async () => {
    const admin = new DeadLetterAdmin(kafka);
    const letters = await admin.list(dlq);
    expect(letters).toHaveLength(3);
    const stuckLetter = letters.find((d) => d.errorClass === 'RetriesExhaustedError')!;
    expect(stuckLetter).toMatchObject({ originalTopic: topic, eventType: 'case.cleared.v1', consumerGroup: expect.stringMatching(/^group-/) });
    expect(deadLetterRef(stuckLetter)).toMatch(new RegExp(`^${dlq.replaceAll('.', '\\.')}:\\d+:\\d+$`));

    // Replayed as it was: the consumer sees the same event again, fails the same way, and dead-letters it anew.
    await admin.replay(stuckLetter);
    await expectEventually(async () => expect(await admin.list(dlq)).toHaveLength(4), { timeoutMs: 30_000 });
    const again = (await admin.list(dlq)).find((d) => d.errorClass === 'RetriesExhaustedError' && deadLetterRef(d) !== deadLetterRef(stuckLetter))!;
    expect(again.headers['ce_id']?.toString()).toBe(stuckLetter.headers['ce_id']?.toString());

    expect(await admin.purge(dlq)).toBe(4);
    expect(await admin.list(dlq)).toEqual([]);
  });
});
