import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kafka, type KafkaMessage } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { Topic } from '@homeward/contracts';
import { headerText, physicalTopic } from '@homeward/messaging';
import { readSpanRecords, type SpanRecord } from '@homeward/telemetry';
import { expectEventually, mailpitMessage, mailpitMessagesTo, serviceNames, testServers, uniqueName } from '@homeward/testing';
import { startTestStack, type TestStack } from './skeleton-stack';

/**
 * Issue 2's walking skeleton end to end, every service a real process:
 * intake → legal → logistics → notification → SMTP, one e-mail to the
 * guardian whatever Kafka redelivers, one trace across every hop.
 */
describe('walking skeleton: from a registered child to the guardian\'s e-mail', () => {
  let stack: TestStack;
  const traceId = randomBytes(16).toString('hex');
  // The test is a traced client: every request continues its trace.
  const headers = { 'content-type': 'application/json', traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` };
  const guardianEmail = `${uniqueName('grandmother')}@example.org`;
  const api = async (url: string, method = 'GET', body?: unknown) => {
    const res = await fetch(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  let caseId: string;

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    const codes = await stack.stop();
    const mongo = await MongoClient.connect(testServers.mongoUrl);
    await Promise.all(Object.values(stack.databases).map((db) => mongo.db(db).dropDatabase()));
    await mongo.close();
    // A clean SIGTERM ends every service with exit code 0 (two-phase shutdown).
    expect(codes).toEqual(Object.fromEntries(serviceNames.map((n) => [n, 0])));
  });

  it('registers, clears, seats and e-mails the guardian exactly once', async () => {
    const { intake, legal, logistics, notification } = stack.services;
    const registered = await api(`${intake.url}/cases`, 'POST', {
      programmeId: 'iq-ru-2019',
      originState: 'IQ',
      destinationState: 'RU',
      sex: 'male',
      names: [
        { given: 'Тимур', family: 'Тестов', script: 'cyrillic' },
        { given: 'Timur', family: 'Testov', script: 'latin' },
      ],
      birthDate: { value: '2016-01-01', precision: 'year' },
      facility: { type: 'prison', name: 'Test Women\'s Prison', city: 'Baghdad' },
      guardians: [
        { relationship: 'grandmother', name: { given: 'Зарема', family: 'Тестова', script: 'cyrillic' }, email: guardianEmail, preferredLanguage: 'ru' },
      ],
    });
    expect(registered.status).toBe(201);
    caseId = registered.body['caseId'] as string;

    await expectEventually(async () => expect((await api(`${legal.url}/legal-files/${caseId}`)).status).toBe(200));
    expect((await api(`${legal.url}/legal-files/${caseId}/clearance`, 'POST', { approvedBy: 'supervisor-1' })).status).toBe(200);

    const movement = await api(`${logistics.url}/movements`, 'POST', {
      operator: 'Emergencies Ministry',
      flightNumber: 'EMR-E2E',
      departureAirport: 'BGW',
      arrivalAirport: 'ZIA',
      scheduledDeparture: '2019-07-10T05:00:00Z',
      seats: 40,
    });
    expect(movement.status).toBe(201);
    const movementId = movement.body['movementId'] as string;
    // 422 case-cleared until logistics has consumed case.cleared.v1.
    const assigned = await expectEventually(async () => {
      const res = await api(`${logistics.url}/movements/${movementId}/assignments`, 'POST', { caseId });
      expect(res.status).toBe(201);
      return res;
    });
    expect(assigned.body['seat']).toBe(1);

    const [mail] = await expectEventually(async () => {
      const found = await mailpitMessagesTo(guardianEmail);
      expect(found).toHaveLength(1);
      return found;
    }, { timeoutMs: 30_000 });
    const message = await mailpitMessage(mail!.ID);
    expect(message.To.map((t) => t.Address)).toEqual([guardianEmail]);
    expect(message.From.Address).toBe('no-reply@homeward.example');
    expect(message.Subject).toContain('Тимур');
    expect(message.Text).toContain('Зарема');
    expect(message.Text).toContain('EMR-E2E BGW → ZIA');
    expect(message.HTML).toContain('lang="ru"');

    await expectEventually(async () => expect((await api(`${intake.url}/cases/${caseId}`)).body['stage']).toBe('assigned'));
    const deliveries = await api(`${notification.url}/cases/${caseId}/deliveries`);
    expect(deliveries.body['deliveries']).toEqual([expect.objectContaining({ milestone: 'assigned', status: 'sent', attempts: 1 })]);
  });

  it('sends nothing more when Kafka redelivers the assignment, or an equal one arrives under a new id', async () => {
    const kafka = new Kafka({ clientId: uniqueName('e2e-redeliver'), brokers: testServers.kafkaBrokers, logLevel: 0 });
    const topic = physicalTopic(stack.prefix, Topic.logistics);
    const original = await readAssignment(kafka, topic, caseId);
    const replayId = randomUUID();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { key: original.key, value: original.value, headers: original.headers },
        { key: original.key, value: original.value, headers: { ...original.headers, ce_id: replayId } },
      ],
    });
    await producer.disconnect();

    const mongo = await MongoClient.connect(testServers.mongoUrl);
    try {
      const processed = mongo.db(stack.databases.notification).collection('processed_events');
      await expectEventually(async () => expect(await processed.countDocuments({ eventId: replayId })).toBe(1), { timeoutMs: 30_000 });
    } finally {
      await mongo.close();
    }
    expect(await mailpitMessagesTo(guardianEmail)).toHaveLength(1);
  });

  it('follows one trace from the HTTP requests through every Kafka hop to the SMTP send', async () => {
    const spans = await expectEventually(async () => {
      const all = (await Promise.all(serviceNames.map((n) => readSpanRecords(join(stack.dir, `${n}.spans.jsonl`))))).flat();
      const mine = all.filter((s) => s.traceId === traceId);
      expect(mine.some((s) => s.name === 'smtp send')).toBe(true);
      expect(new Set(mine.filter((s) => s.kind === 'CONSUMER').map((s) => s.service))).toEqual(new Set(serviceNames));
      return mine;
    }, { timeoutMs: 30_000 });
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const kinds = (kind: SpanRecord['kind']) => new Set(spans.filter((s) => s.kind === kind).map((s) => s.service));
    expect(kinds('SERVER')).toEqual(new Set(serviceNames));
    expect(kinds('PRODUCER')).toEqual(new Set(serviceNames));

    // The SMTP send descends from notification's consumer span, whose parent
    // is the producer span logistics made when its relay published the assignment.
    const smtp = spans.find((s) => s.name === 'smtp send')!;
    const ancestors: SpanRecord[] = [];
    for (let span = byId.get(smtp.parentSpanId ?? ''); span; span = byId.get(span.parentSpanId ?? '')) ancestors.push(span);
    const consumer = ancestors.find((s) => s.kind === 'CONSUMER' && s.service === 'notification');
    expect(consumer).toBeDefined();
    expect(byId.get(consumer!.parentSpanId ?? '')).toMatchObject({ kind: 'PRODUCER', service: 'logistics' });
    expect(ancestors.at(-1)).toMatchObject({ kind: 'SERVER', service: 'logistics' });
  });
});

async function readAssignment(kafka: Kafka, topic: string, caseId: string): Promise<KafkaMessage> {
  const consumer = kafka.consumer({ groupId: uniqueName('e2e-reader') });
  let found: KafkaMessage | undefined;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (headerText(message.headers, 'ce_type') === 'case.assigned.v1' && message.key?.toString() === caseId) found = message;
    },
  });
  try {
    return await expectEventually(() => {
      if (!found) throw new Error(`case.assigned.v1 for ${caseId} not read yet`);
      return found;
    }, { timeoutMs: 30_000 });
  } finally {
    await consumer.disconnect();
  }
}
