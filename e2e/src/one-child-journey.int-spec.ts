import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kafka, type KafkaMessage } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { Topic } from '@homeward/contracts';
import { headerText, physicalTopic } from '@homeward/messaging';
import { readSpanRecords, type SpanRecord } from '@homeward/telemetry';
import { actingAs, expectEventually, mailpitMessage, mailpitMessagesTo, serviceNames, testServers, uniqueName } from '@homeward/testing';
import { startTestStack, type TestStack } from './skeleton-stack';

const LEGAL_OFFICER = { user: 'legal-officer-1', roles: 'legal-officer' };
const SCREENING_OFFICER = { user: 'screening-officer-1', roles: 'screening-officer' };
const SUPERVISOR = { user: 'supervisor-1', roles: 'supervisor' };
const OFFICER = { user: 'logistics-officer-1', roles: 'logistics-officer' };
const CASE_WORKER = { user: 'case-worker-1', roles: 'case-worker' };
type Actor = { user: string; roles: string };

const document = (documentType: string, number: string) => ({ kind: 'document', documentType, number, issuingAuthority: 'Test Authority', issuedOn: '2019-06-20' });
// Every requirement of the programme as a legal officer meets it; the screening outcome is the screening officer's alone.
const CHECKLIST: { code: string; evidence?: object; decision: object; by: Actor }[] = [
  {
    code: 'nationality-verified',
    evidence: { kind: 'dna', laboratory: 'Test Laboratory', sampleId: 'S-1', testedRelative: 'grandmother', kinshipProbability: 0.9998 },
    decision: { decision: 'satisfied', reason: 'Kinship with the grandmother confirmed by DNA.' },
    by: LEGAL_OFFICER,
  },
  {
    code: 'guardian-approved',
    evidence: document('Guardianship suitability assessment', 'G-1'),
    decision: { decision: 'satisfied', reason: 'Guardian found suitable.', basis: 'guardian-or-sponsor-approved' },
    by: LEGAL_OFFICER,
  },
  { code: 'parental-consent', evidence: document('Notarised parental consent', 'P-1'), decision: { decision: 'satisfied', reason: 'Consent given.' }, by: LEGAL_OFFICER },
  { code: 'exit-clearance', evidence: document('Exit permit', 'E-1'), decision: { decision: 'satisfied', reason: 'Exit permitted.' }, by: LEGAL_OFFICER },
  { code: 'travel-document', evidence: document('Certificate of return', 'T-1'), decision: { decision: 'satisfied', reason: 'Issued.' }, by: LEGAL_OFFICER },
  { code: 'security-screening', decision: { decision: 'satisfied', reason: 'No concerns.' }, by: SCREENING_OFFICER },
];

/**
 * One child through the whole lifecycle, every service a real process:
 * registered, every requirement satisfied, cleared by two people, seated,
 * boarded, flown and handed over to the grandmother; one e-mail to her per
 * milestone whatever Kafka redelivers, one trace across every HTTP request, Kafka hop
 * and the SMTP send.
 */
describe('one child from registration to handover', () => {
  let stack: TestStack;
  const traceId = randomBytes(16).toString('hex');
  // The test is a traced client: every request continues its trace.
  const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
  const guardianEmail = `${uniqueName('grandmother')}@example.org`;
  const api = async (url: string, method = 'GET', body?: unknown, actor: Actor = OFFICER) => {
    const headers = { 'content-type': 'application/json', traceparent, ...actingAs(actor.user, actor.roles.split(',')) };
    const res = await fetch(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const expectStatus = async (call: Promise<{ status: number; body: Record<string, unknown> }>, status: number) => {
    const res = await call;
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    return res.body;
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

  it('registers, clears with four eyes, seats, flies and hands over the child, e-mailing the guardian once per milestone', async () => {
    const { intake, legal, logistics, notification } = stack.services;
    await expectStatus(
      api(`${intake.url}/programmes`, 'POST', {
        programmeId: 'iq-ru-2019',
        name: 'Iraq to Russia (e2e)',
        originState: 'IQ',
        destinationState: 'RU',
        eligibility: { maxAgeAtRegistration: 17, childrenOnly: true },
        escortPolicy: { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 },
        requirements: CHECKLIST.map((r) => r.code),
      }, SUPERVISOR),
      201,
    );
    const registered = await expectStatus(
      api(`${intake.url}/cases`, 'POST', {
        programmeId: 'iq-ru-2019',
        sex: 'male',
        names: [
          { given: 'Тимур', family: 'Тестов', script: 'cyrillic' },
          { given: 'Timur', family: 'Testov', script: 'latin' },
        ],
        birthDate: { value: '2016-01-01', precision: 'year' },
        facility: { type: 'prison', name: "Test Women's Prison", city: 'Baghdad' },
        mother: { status: 'detained', location: "Test Women's Prison, Baghdad" },
        guardians: [
          { relationship: 'grandmother', name: { given: 'Зарема', family: 'Тестова', script: 'cyrillic' }, email: guardianEmail, preferredLanguage: 'ru' },
        ],
      }, CASE_WORKER),
      201,
    );
    caseId = registered['caseId'] as string;

    await expectEventually(async () => expect((await api(`${legal.url}/legal-files/${caseId}`, 'GET', undefined, LEGAL_OFFICER)).status).toBe(200));
    for (const { code, evidence, decision, by } of CHECKLIST) {
      if (evidence) await expectStatus(api(`${legal.url}/legal-files/${caseId}/requirements/${code}/evidence`, 'POST', evidence, by), 201);
      await expectStatus(api(`${legal.url}/legal-files/${caseId}/requirements/${code}/decision`, 'POST', decision, by), 200);
    }
    await expectStatus(api(`${legal.url}/legal-files/${caseId}/clearance-request`, 'POST', undefined, LEGAL_OFFICER), 200);
    expect(await expectStatus(api(`${legal.url}/legal-files/${caseId}/clearance-approval`, 'POST', undefined, SUPERVISOR), 200)).toMatchObject({ status: 'cleared' });

    const movement = await expectStatus(
      api(`${logistics.url}/movements`, 'POST', {
        programmeId: 'iq-ru-2019',
        operator: 'Emergencies Ministry',
        flightNumber: 'EMR-E2E',
        departureAirport: 'BGW',
        arrivalAirport: 'ZIA',
        scheduledDeparture: '2019-07-10T05:00:00Z',
        seats: 40,
      }),
      201,
    );
    const movementId = movement['movementId'] as string;
    await expectStatus(api(`${logistics.url}/movements/${movementId}/escorts`, 'POST', { name: 'Test Escort', role: 'official' }), 201);
    // 404, then not yet cleared, until logistics has consumed the registration and the clearance.
    await expectEventually(async () => expect((await api(`${logistics.url}/cases/${caseId}`)).body).toMatchObject({ inClearedPool: true }));
    const assigned = await expectEventually(() => expectStatus(api(`${logistics.url}/movements/${movementId}/assignments`, 'POST', { caseIds: [caseId] }), 201));
    expect(assigned['assigned']).toEqual([{ caseId, seat: 1 }]);

    // Registered, cleared, then seated: one e-mail each, in Russian.
    const mails = await expectEventually(async () => {
      const found = await mailpitMessagesTo(guardianEmail);
      expect(found).toHaveLength(3);
      return found;
    }, { timeoutMs: 30_000 });
    const seat = mails.find((m) => m.Subject.includes('забронировано'));
    expect(seat).toBeDefined();
    const message = await mailpitMessage(seat!.ID);
    expect(message.To.map((t) => t.Address)).toEqual([guardianEmail]);
    expect(message.From.Address).toBe('no-reply@homeward.example');
    expect(message.Subject).toContain('Тимур');
    expect(message.Text).toContain('Зарема');
    expect(message.Text).toContain('EMR-E2E');
    expect(message.Text).toContain('Международный аэропорт Жуковский (ZIA)');
    expect(message.HTML).toContain('lang="ru"');
    // The SMTP server has the messages a moment before the delivery records say so.
    await expectEventually(async () => {
      const deliveries = (await api(`${notification.url}/cases/${caseId}/deliveries`, 'GET', undefined, CASE_WORKER)).body['deliveries'] as Array<{ milestone: string }>;
      expect(deliveries.map((d) => d.milestone).sort()).toEqual(['assigned', 'cleared', 'registered']);
      expect(deliveries).toEqual(Array(3).fill(expect.objectContaining({ status: 'sent', attempts: 1 })));
    });

    await expectStatus(api(`${logistics.url}/movements/${movementId}/boarding/${caseId}`, 'POST', { status: 'boarded' }), 200);
    await expectStatus(api(`${logistics.url}/movements/${movementId}/departure`, 'POST'), 200);
    await expectStatus(api(`${logistics.url}/movements/${movementId}/arrival`, 'POST'), 200);
    const { personal } = (await api(`${intake.url}/cases/${caseId}`)).body as { personal: { guardians: { guardianId: string }[] } };
    const handedOver = await expectStatus(
      api(`${logistics.url}/movements/${movementId}/handovers/${caseId}`, 'POST', {
        receiverKind: 'guardian',
        guardianId: personal.guardians[0]!.guardianId,
        name: 'Зарема Тестова',
        relationship: 'grandmother',
        receivingPerson: 'Зарема Тестова',
      }),
      200,
    );
    expect(handedOver['passengers']).toEqual([expect.objectContaining({ caseId, seat: 1, status: 'handed-over' })]);
    await expectEventually(async () => expect((await api(`${intake.url}/cases/${caseId}`)).body['stage']).toBe('closed'), { timeoutMs: 30_000 });
    expect((await api(`${logistics.url}/cases/${caseId}`)).body).toMatchObject({ movementId, passengerStatus: 'handed-over' });
    // Arrived and handed over: five e-mails in all, one per milestone.
    await expectEventually(async () => expect(await mailpitMessagesTo(guardianEmail)).toHaveLength(5), { timeoutMs: 30_000 });
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
      // The e-mail consumer group's record; the agency feeds consume on a group of their own.
      await expectEventually(async () => expect(await processed.countDocuments({ eventId: replayId, group: `${stack.prefix}-notification` })).toBe(1), { timeoutMs: 30_000 });
    } finally {
      await mongo.close();
    }
    expect(await mailpitMessagesTo(guardianEmail)).toHaveLength(5);
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

    // The seat's SMTP send descends from notification's consumer span, whose parent
    // is the producer span logistics made when its relay published the assignment
    // (the registration's and the clearance's e-mails came through intake and legal).
    const chainOf = (smtp: SpanRecord) => {
      const chain: SpanRecord[] = [];
      for (let span = byId.get(smtp.parentSpanId ?? ''); span; span = byId.get(span.parentSpanId ?? '')) chain.push(span);
      return chain;
    };
    const ancestors = spans.filter((s) => s.name === 'smtp send').map(chainOf).find((chain) => chain.at(-1)?.service === 'logistics') ?? [];
    const consumer = ancestors.find((s) => s.kind === 'CONSUMER' && s.service === 'notification');
    expect(consumer).toBeDefined();
    expect(byId.get(consumer!.parentSpanId ?? '')).toMatchObject({ kind: 'PRODUCER', service: 'logistics' });
    expect(ancestors.at(-1)).toMatchObject({ kind: 'SERVER', service: 'logistics' });

    // The handover went the same way: logistics' event reached intake, which closed the case.
    const handoverConsumer = spans.find((s) => s.kind === 'CONSUMER' && s.service === 'intake' && byId.get(s.parentSpanId ?? '')?.service === 'logistics');
    expect(handoverConsumer).toBeDefined();
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
