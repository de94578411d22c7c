import { Kafka } from 'kafkajs';
import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import { deadLetterTopic, Topic } from '@homeward/contracts';
import { DeadLetterAdmin, headerText, physicalTopic } from '@homeward/messaging';
import { associatedData, DATA_KEYS_COLLECTION, decrypt, DEVELOPMENT_MASTER_KEY, KeyVault, keyVaultDbFor, masterKeyRing } from '@homeward/privacy';
import { actingAs, expectEventually, testServers, uniqueName } from '@homeward/testing';
import { plaintextFound, scanDatabases, scanFiles, scanTopics, type ScannedItem } from './privacy-scan';
import { startTestStack, type TestStack } from './skeleton-stack';

type Actor = readonly [string, string];
const CASE_WORKER: Actor = ['case-worker-1', 'case-worker'];
const LEGAL_OFFICER: Actor = ['legal-officer-1', 'legal-officer'];
const SCREENING_OFFICER: Actor = ['screening-officer-1', 'screening-officer'];
const SUPERVISOR: Actor = ['supervisor-1', 'supervisor'];
const OFFICER: Actor = ['logistics-officer-1', 'logistics-officer'];
const ADMIN_1: Actor = ['admin-1', 'admin'];
const ADMIN_2: Actor = ['admin-2', 'admin'];

// A child no other test registers: every one of these strings is searched for everywhere.
const guardianEmail = `${uniqueName('munira-ozodbekova')}@example.org`;
const NEEDLES = ['Shahrizoda', 'Ozodbekova', 'Шахризода', 'Озодбекова', 'Мунира', '2011-03-17', 'Kheshkhan Reception', guardianEmail];
// A whole lifecycle, two full scans and a stalled listDatabases on a shared, loaded machine (a bound, not a timed assertion).
const LONG = 600_000;
// Every field path the services seal under (AAD = child + path).
const SEALED_PATHS = ['personal', 'data.personal', 'names', 'birthDate', 'guardians', 'medicalNeeds', 'childNames', 'passengers.handover'];

const document = (documentType: string, number: string) => ({ kind: 'document', documentType, number, issuingAuthority: 'Test Authority', issuedOn: '2019-06-20' });
const CHECKLIST: { code: string; evidence?: object; decision: object; by: Actor }[] = [
  { code: 'nationality-verified', evidence: { kind: 'dna', laboratory: 'Test Laboratory', sampleId: 'S-9', testedRelative: 'grandmother', kinshipProbability: 0.9998 }, decision: { decision: 'satisfied', reason: 'Kinship confirmed by DNA.' }, by: LEGAL_OFFICER },
  { code: 'guardian-approved', evidence: document('Guardianship suitability assessment', 'G-9'), decision: { decision: 'satisfied', reason: 'Guardian found suitable.', basis: 'guardian-or-sponsor-approved' }, by: LEGAL_OFFICER },
  { code: 'parental-consent', evidence: document('Notarised parental consent', 'P-9'), decision: { decision: 'satisfied', reason: 'Consent given.' }, by: LEGAL_OFFICER },
  { code: 'exit-clearance', evidence: document('Exit permit', 'E-9'), decision: { decision: 'satisfied', reason: 'Exit permitted.' }, by: LEGAL_OFFICER },
  { code: 'travel-document', evidence: document('Certificate of return', 'T-9'), decision: { decision: 'satisfied', reason: 'Issued.' }, by: LEGAL_OFFICER },
  { code: 'security-screening', decision: { decision: 'satisfied', reason: 'No concerns.' }, by: SCREENING_OFFICER },
];

/**
 * DESIGN "Privacy and security", end to end with every service a real
 * process: a child with a distinctive name and birth date goes through the
 * whole lifecycle; no database, topic (dead letters included) or log of the
 * stack holds any of it in plaintext; once two admins erase the child, no key
 * that still exists opens any sealed copy, and the APIs show the case erased.
 */
describe('no plaintext anywhere, and nothing readable after erasure', () => {
  let stack: TestStack;
  let mongo: MongoClient;
  const kafka = new Kafka({ clientId: uniqueName('e2e-privacy'), brokers: testServers.kafkaBrokers, logLevel: 0 });
  const api = async (url: string, method = 'GET', body?: unknown, [user, role]: Actor = OFFICER) => {
    const res = await fetch(url, { method, headers: { 'content-type': 'application/json', ...actingAs(user, [role]) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    return { status: res.status, text, body: (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
  const ok = async (call: ReturnType<typeof api>, status: number) => {
    const res = await call;
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    return res.body;
  };
  const databasePrefixes = () => [stack.prefix.replaceAll('-', '_'), keyVaultDbFor(stack.prefix)];
  const scanEverything = async (): Promise<ScannedItem[]> => [
    ...(await scanDatabases(mongo, databasePrefixes(), [...Object.values(stack.databases), keyVaultDbFor(stack.prefix)])),
    ...(await scanTopics(kafka, stack.prefix, uniqueName('e2e-scan'))),
    ...(await scanFiles(stack.dir)),
  ];
  const dataKeys = async () => {
    const connection = await mongoose.createConnection(testServers.mongoUrl, { retryWrites: false }).asPromise();
    try {
      const vault = new KeyVault({ connection, databaseName: keyVaultDbFor(stack.prefix), masterKeys: masterKeyRing(DEVELOPMENT_MASTER_KEY), cacheTtlMs: 0 });
      const ids = (await connection.useDb(keyVaultDbFor(stack.prefix)).collection(DATA_KEYS_COLLECTION).find({}).toArray()).map((d) => String(d['_id']));
      const keys = new Map<string, Buffer>();
      for (const id of ids) {
        const key = await vault.find(id).catch(() => undefined);
        if (key) keys.set(id, key);
      }
      return keys;
    } finally {
      await connection.close();
    }
  };
  /** Whether a sealed value opens with the key of `keyId`, bound to `childId`, at any sealed path. */
  const opens = (key: Buffer, childId: string, data: string) =>
    SEALED_PATHS.some((path) => {
      try {
        decrypt(key, Buffer.from(data, 'base64'), associatedData(childId, path));
        return true;
      } catch {
        return false;
      }
    });
  let caseId: string;
  let movementId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    mongo = await MongoClient.connect(testServers.mongoUrl);
  }, LONG);

  afterAll(async () => {
    await stack.stop();
    await Promise.all([...Object.values(stack.databases), keyVaultDbFor(stack.prefix)].map((db) => mongo.db(db).dropDatabase()));
    await mongo.close(true);
  }, LONG);

  it('runs the whole lifecycle of a child with a distinctive name and leaves no plaintext in any database, topic, dead letter or log', async () => {
    const { intake, legal, logistics } = stack.services;
    await ok(api(`${intake.url}/programmes`, 'POST', {
      programmeId: 'iq-ru-privacy',
      name: 'Iraq to Russia (privacy e2e)',
      originState: 'IQ',
      destinationState: 'RU',
      eligibility: { maxAgeAtRegistration: 17, childrenOnly: true },
      escortPolicy: { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 },
      requirements: CHECKLIST.map((r) => r.code),
    }, SUPERVISOR), 201);
    const registered = await ok(api(`${intake.url}/cases`, 'POST', {
      programmeId: 'iq-ru-privacy',
      sex: 'female',
      names: [
        { given: 'Шахризода', family: 'Озодбекова', script: 'cyrillic' },
        { given: 'Shahrizoda', family: 'Ozodbekova', script: 'latin' },
      ],
      birthDate: { value: '2011-03-17', precision: 'day' },
      facility: { type: 'camp', name: 'Kheshkhan Reception Centre', city: 'Baghdad' },
      mother: { status: 'detained', location: 'Kheshkhan Reception Centre' },
      guardians: [{ relationship: 'grandmother', name: { given: 'Мунира', family: 'Озодбекова', script: 'cyrillic' }, email: guardianEmail, preferredLanguage: 'ru' }],
    }, CASE_WORKER), 201);
    caseId = registered['caseId'] as string;
    // The name search works (on blind-index keys), and the query never reaches a log.
    const found = await ok(api(`${intake.url}/cases?name=${encodeURIComponent('Шахризода Ozodbekova')}`, 'GET', undefined, CASE_WORKER), 200);
    expect((found['items'] as Array<{ caseId: string }>).map((c) => c.caseId)).toEqual([caseId]);

    await expectEventually(async () => expect((await api(`${legal.url}/legal-files/${caseId}`, 'GET', undefined, LEGAL_OFFICER)).status).toBe(200));
    for (const { code, evidence, decision, by } of CHECKLIST) {
      if (evidence) await ok(api(`${legal.url}/legal-files/${caseId}/requirements/${code}/evidence`, 'POST', evidence, by), 201);
      await ok(api(`${legal.url}/legal-files/${caseId}/requirements/${code}/decision`, 'POST', decision, by), 200);
    }
    await ok(api(`${legal.url}/legal-files/${caseId}/clearance-request`, 'POST', undefined, LEGAL_OFFICER), 200);
    await ok(api(`${legal.url}/legal-files/${caseId}/clearance-approval`, 'POST', undefined, SUPERVISOR), 200);
    const movement = await ok(api(`${logistics.url}/movements`, 'POST', {
      programmeId: 'iq-ru-privacy', operator: 'Emergencies Ministry', flightNumber: 'EMR-PRIV', departureAirport: 'BGW', arrivalAirport: 'ZIA', scheduledDeparture: '2019-07-10T05:00:00Z', seats: 40,
    }), 201);
    movementId = movement['movementId'] as string;
    await ok(api(`${logistics.url}/movements/${movementId}/escorts`, 'POST', { name: 'Test Escort', role: 'official' }), 201);
    await expectEventually(async () => expect((await api(`${logistics.url}/cases/${caseId}`)).body).toMatchObject({ inClearedPool: true }), { timeoutMs: 60_000 });
    await expectEventually(() => ok(api(`${logistics.url}/movements/${movementId}/assignments`, 'POST', { caseIds: [caseId] }), 201));
    expect((await api(`${logistics.url}/movements/${movementId}/manifest.csv`)).text).toContain('Ozodbekova');
    await ok(api(`${logistics.url}/movements/${movementId}/boarding/${caseId}`, 'POST', { status: 'boarded' }), 200);
    await ok(api(`${logistics.url}/movements/${movementId}/departure`, 'POST'), 200);
    await ok(api(`${logistics.url}/movements/${movementId}/arrival`, 'POST'), 200);
    const { personal } = (await api(`${intake.url}/cases/${caseId}`, 'GET', undefined, CASE_WORKER)).body as { personal: { guardians: { guardianId: string }[] } };
    await ok(api(`${logistics.url}/movements/${movementId}/handovers/${caseId}`, 'POST', {
      receiverKind: 'guardian', guardianId: personal.guardians[0]!.guardianId, name: 'Мунира Озодбекова', relationship: 'grandmother', receivingPerson: 'Мунира Озодбекова',
    }), 200);
    await expectEventually(async () => expect((await api(`${intake.url}/cases/${caseId}`, 'GET', undefined, CASE_WORKER)).body['stage']).toBe('closed'), { timeoutMs: 60_000 });

    // A dead letter of the child's registration: the same message under a type no service knows.
    await deadLetterRegistration(kafka, stack.prefix, caseId);
    const deadLetters = new DeadLetterAdmin(kafka);
    await expectEventually(async () => expect((await deadLetters.list(physicalTopic(stack.prefix, deadLetterTopic('legal')))).length).toBeGreaterThan(0), { timeoutMs: 60_000 });

    const everything = await scanEverything();
    expect(plaintextFound(everything, NEEDLES)).toEqual([]);
    // The scan saw the child's data: sealed in the services' databases, in the topics and in the dead letter, all opening with the child's key.
    const sealed = everything.flatMap((item) => item.sealed.map((s) => ({ where: item.where, data: s.data })));
    const childKey = (await dataKeys()).get(caseId)!;
    expect(childKey).toBeDefined();
    expect(sealed.filter((s) => !opens(childKey, caseId, s.data)).map((s) => s.where)).toEqual([]);
    for (const where of ['_intake.cases', '_logistics.case_copies', '_logistics.movements', '_notification.guardian_contacts', 'homeward.intake.v1:', 'homeward.logistics.v1:', 'dlq.v1:']) {
      expect({ where, sealed: sealed.some((s) => s.where.includes(where)) }).toEqual({ where, sealed: true });
    }
  }, LONG);

  it('erases the child on two admins’ word: the APIs show the case erased, and no key that exists opens any copy', async () => {
    const { intake, logistics } = stack.services;
    await ok(api(`${intake.url}/cases/${caseId}/erasure`, 'POST', { reason: 'Retention of data no longer lawful (test)' }, ADMIN_1), 202);
    await ok(api(`${intake.url}/cases/${caseId}/erasure/approval`, 'POST', undefined, ADMIN_2), 200);
    expect((await api(`${intake.url}/cases/${caseId}`, 'GET', undefined, CASE_WORKER)).body).toMatchObject({ caseId, erased: true });
    expect((await ok(api(`${intake.url}/cases?name=Ozodbekova`, 'GET', undefined, CASE_WORKER), 200))['items']).toEqual([]);
    // Other services notice once their short key cache expires: the manifest keeps the seat, not the child.
    await expectEventually(async () => {
      const manifest = await api(`${logistics.url}/movements/${movementId}/manifest.csv`);
      expect(manifest.status).toBe(200);
      expect(manifest.text).toContain('(erased)');
      expect(manifest.text).not.toContain('Ozodbekova');
    }, { timeoutMs: 30_000 });
    await expectEventually(async () => {
      const topics = await scanTopics(kafka, physicalTopic(stack.prefix, Topic.intake), uniqueName('e2e-scan'));
      expect(topics.some((m) => m.text.includes('ce_type=case.erased.v1'))).toBe(true);
    }, { timeoutMs: 30_000 });

    const everything = await scanEverything();
    expect(plaintextFound(everything, NEEDLES)).toEqual([]);
    const sealed = everything.flatMap((item) => item.sealed.map((s) => ({ where: item.where, data: s.data })));
    expect(sealed.length).toBeGreaterThan(0);
    const remaining = await dataKeys();
    expect(remaining.has(caseId)).toBe(false);
    const readable = sealed.filter((s) => [...remaining].some(([id, key]) => opens(key, id, s.data) || opens(key, caseId, s.data)));
    expect(readable.map((s) => s.where)).toEqual([]);
  }, LONG);
});

/** Republishes the child's registration under an unknown type: every consumer of intake's topic dead-letters it as it is. */
async function deadLetterRegistration(kafka: Kafka, prefix: string, caseId: string): Promise<void> {
  const topic = physicalTopic(prefix, Topic.intake);
  const consumer = kafka.consumer({ groupId: uniqueName('e2e-dlq-source') });
  let original: { key: Buffer | null; value: Buffer | null; headers: Record<string, unknown> } | undefined;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (headerText(message.headers, 'ce_type') === 'case.registered.v2' && message.key?.toString() === caseId) original = { key: message.key, value: message.value, headers: message.headers ?? {} };
    },
  });
  const found = await expectEventually(() => {
    if (!original) throw new Error('registration not read yet');
    return original;
  }, { timeoutMs: 30_000 }).finally(() => consumer.disconnect());
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: [{ key: found.key, value: found.value, headers: { ...(found.headers as Record<string, Buffer>), ce_type: 'case.scrambled.v9', ce_id: crypto.randomUUID() } }] });
  } finally {
    await producer.disconnect();
  }
}
