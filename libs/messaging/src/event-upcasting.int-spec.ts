import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Kafka, Producer } from 'kafkajs';
import { casePersonalToV2, CaseRegisteredV1, CaseRegisteredV2, deadLetterTopic, Topic, type CaseRegisteredV1Data, type CaseRegisteredV2Data } from '@homeward/contracts';
import { connectMongo, ProcessedEventStore } from '@homeward/persistence';
import { expectEventually, testServers, uniqueName } from '@homeward/testing';
import { createEventConsumer, on, type EventConsumer } from './event-consumer';
import { createEventFactory } from './event-factory';
import { ensureTopics } from './ensure-topics';
import { toKafkaMessage } from './kafka-binding';
import { createKafka, physicalTopic } from './kafka-client';

const registeredV1 = (caseId: string): CaseRegisteredV1Data => ({
  caseId,
  programmeId: 'programme-upcast',
  originState: 'IQ',
  destinationState: 'RU',
  sex: 'female',
  requiresMedicalEscort: false,
  siblingCaseIds: [],
  claimedNationalities: ['RU'],
  registeredAt: '2019-06-03T09:15:00Z',
  personal: {
    names: [{ given: 'Testovaya', family: 'Primerova', script: 'latin' }],
    birthDate: { value: '2014-01-01', precision: 'year' },
    facility: { type: 'prison', name: 'Example Facility 1', city: 'Baghdad' },
    guardians: [],
  },
});

const silent = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

/**
 * Schema evolution on the real broker: intake now publishes
 * case.registered.v2, but v1 messages stay in the topic. A handler of v2
 * receives both as v2; a handler still written for v1 receives both as v1.
 */
describe('consumer upcasting of case.registered', () => {
  const prefix = uniqueName('upcast');
  const topic = physicalTopic(prefix, Topic.intake);
  const dlq = physicalTopic(prefix, deadLetterTopic('test'));
  const events = createEventFactory('/homeward/intake');
  let kafka: Kafka;
  let producer: Producer;
  let connection: Connection;
  const consumers: EventConsumer[] = [];
  const asV2: Array<{ type: string; data: CaseRegisteredV2Data }> = [];
  const asV1: Array<{ type: string; data: CaseRegisteredV1Data }> = [];

  const consumer = (handler: ReturnType<typeof on>) =>
    createEventConsumer({
      kafka,
      groupId: uniqueName('group'),
      topicPrefix: prefix,
      processed: new ProcessedEventStore(connection),
      deadLetter: { producer, topic: dlq },
      logger: silent,
      handlers: [handler],
    });

  beforeAll(async () => {
    kafka = createKafka({ brokers: testServers.kafkaBrokers, clientId: prefix, logger: silent });
    await ensureTopics(kafka, [topic, dlq]);
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    connection = await connectMongo({ url: testServers.mongoUrl, dbName: uniqueName('upcast') });
    consumers.push(
      consumer(on(CaseRegisteredV2, async (event) => void asV2.push({ type: event.type, data: event.data }))),
      consumer(on(CaseRegisteredV1, async (event) => void asV1.push({ type: event.type, data: event.data }))),
    );
    for (const c of consumers) await c.start();
  });

  afterAll(async () => {
    for (const c of consumers) await c.stop();
    await producer.disconnect();
    await connection.dropDatabase();
    await connection.close();
  });

  it('hands an old raw v1 message and a new v2 message to each handler in the version it names', async () => {
    const oldCase: string = randomUUID();
    const newCase: string = randomUUID();
    const v1 = registeredV1(oldCase);
    const v2: CaseRegisteredV2Data = { ...registeredV1(newCase), personal: casePersonalToV2(registeredV1(newCase).personal) };
    // The v1 message as an earlier intake wrote it: raw bytes on the topic, headers and JSON value.
    const rawV1 = toKafkaMessage(events(CaseRegisteredV1, v1, { correlationid: oldCase }));
    expect(JSON.parse(String(rawV1.value))).toHaveProperty('personal.birthDate', { value: '2014-01-01', precision: 'year' });
    await producer.send({ topic, messages: [rawV1, toKafkaMessage(events(CaseRegisteredV2, v2, { correlationid: newCase }))] });

    await expectEventually(() => expect(asV2.filter((e) => [oldCase, newCase].includes(e.data.caseId))).toHaveLength(2), { timeoutMs: 30_000 });
    await expectEventually(() => expect(asV1.filter((e) => [oldCase, newCase].includes(e.data.caseId))).toHaveLength(2), { timeoutMs: 30_000 });

    const upcast = asV2.find((e) => e.data.caseId === oldCase)!;
    expect(upcast.type).toBe('case.registered.v2');
    expect(upcast.data.personal).toMatchObject({ birthDate: '2014-01-01', birthDatePrecision: 'year' });
    expect(CaseRegisteredV2.schema.safeParse(upcast.data).success).toBe(true);
    expect(asV2.find((e) => e.data.caseId === newCase)!.data).toEqual(v2);

    const downcast = asV1.find((e) => e.data.caseId === newCase)!;
    expect(downcast.type).toBe('case.registered.v1');
    expect(downcast.data.personal.birthDate).toEqual({ value: '2014-01-01', precision: 'year' });
    expect(asV1.find((e) => e.data.caseId === oldCase)!.data).toEqual(v1);
  });
});
