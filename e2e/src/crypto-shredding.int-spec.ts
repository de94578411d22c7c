import { Kafka } from 'kafkajs';
import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import { deadLetterTopic, eventCatalog, Topic } from '@homeward/contracts';
import { DeadLetterAdmin, headerText, physicalTopic } from '@homeward/messaging';
import { associatedData, DATA_KEYS_COLLECTION, decrypt, DEVELOPMENT_MASTER_KEY, KeyVault, keyVaultDbFor, masterKeyRing } from '@homeward/privacy';
import { actingAs, expectEventually, testServers, uniqueName } from '@homeward/testing';
import { plaintextFound, scanDatabases, scanFiles, scanTopics, type ScannedItem } from './privacy-scan';
import { E2E_ENTITLED_AGENCY, startTestStack, type TestStack } from './skeleton-stack';

type Actor = readonly [string, string, string?];
const CASE_WORKER: Actor = ['case-worker-1', 'case-worker'];
const LEGAL_OFFICER: Actor = ['legal-officer-1', 'legal-officer'];
const SCREENING_OFFICER: Actor = ['screening-officer-1', 'screening-officer'];
const SUPERVISOR: Actor = ['supervisor-1', 'supervisor'];
const OFFICER: Actor = ['logistics-officer-1', 'logistics-officer'];
// An observer of the entitled agency: the feed is that agency's.
const OBSERVER: Actor = ['observer-1', 'agency-observer', E2E_ENTITLED_AGENCY];
const ADMIN_1: Actor = ['admin-1', 'admin'];
const ADMIN_2: Actor = ['admin-2', 'admin'];

// A child no other test registers: every one of these strings is searched for everywhere.
const guardianEmail = `${uniqueName('munira-ozodbekova')}@example.org`;
// And a second one, registered by a bulk import.
const importedGuardianEmail = `${uniqueName('parvina-importova')}@example.org`;
const IMPORTED_NEEDLES = ['Gulshoda', 'Importova', 'Гулшода', 'Импортова', '2012-08-23', importedGuardianEmail];
const NEEDLES = ['Shahrizoda', 'Ozodbekova', 'Шахризода', 'Озодбекова', 'Мунира', '2011-03-17', 'Kheshkhan Reception', guardianEmail, ...IMPORTED_NEEDLES];
// A whole lifecycle, two full scans and a stalled listDatabases on a shared, loaded machine (a bound, not a timed assertion).
const LONG = 600_000;
// Every field path the services seal a child's data under (AAD = child + path): the feeds' full entries and an import's rows too.
// Legal seals each text and identifying value of a file on its own (apps/legal legal-file.model.ts), the dashboard a hold's reason.
const LEGAL_PATHS = ['documentType', 'number', 'issuingAuthority', 'issuedOn', 'laboratory', 'sampleId', 'testedRelative'].map((f) => `requirements.evidence.${f}`);
const SEALED_PATHS = [
  'personal', 'data.personal', 'names', 'birthDate', 'guardians', 'medicalNeeds', 'childNames', 'passengers.handover', 'feed_entries.data', 'import_chunks.0',
  ...LEGAL_PATHS, 'requirements.decisions.reason', 'holds.reason', 'rejection.reason', 'statusHistory.note',
];
// The subscriptions' own secrets, sealed with a key of the subscription (not a child's data).
const SECRET_PATHS = ['webhookSecret', 'pseudonymKey'];

// The legal texts name the child as officers' free text would: each is a needle too.
const document = (documentType: string, number: string) => ({ kind: 'document', documentType: `${documentType} of Shahrizoda Ozodbekova`, number: `OZODBEKOVA-${number}`, issuingAuthority: 'Test Authority', issuedOn: '2019-06-20' });
const CHECKLIST: { code: string; evidence?: object; decision: object; by: Actor }[] = [
  {
    code: 'nationality-verified',
    evidence: { kind: 'dna', laboratory: 'Ozodbekova family laboratory', sampleId: 'OZODBEKOVA-S-9', testedRelative: 'Мунира Озодбекова, grandmother', kinshipProbability: 0.9998 },
    decision: { decision: 'satisfied', reason: 'Kinship of Shahrizoda Ozodbekova confirmed by DNA.' },
    by: LEGAL_OFFICER,
  },
  { code: 'guardian-approved', evidence: document('Guardianship suitability assessment', 'G-9'), decision: { decision: 'satisfied', reason: 'Мунира Озодбекова found suitable.', basis: 'guardian-or-sponsor-approved' }, by: LEGAL_OFFICER },
  { code: 'parental-consent', evidence: document('Notarised parental consent', 'P-9'), decision: { decision: 'satisfied', reason: 'Consent given for Шахризода.' }, by: LEGAL_OFFICER },
  { code: 'exit-clearance', evidence: document('Exit permit', 'E-9'), decision: { decision: 'satisfied', reason: 'Exit permitted for Shahrizoda Ozodbekova.' }, by: LEGAL_OFFICER },
  { code: 'travel-document', evidence: document('Certificate of return', 'T-9'), decision: { decision: 'satisfied', reason: 'Issued to Shahrizoda Ozodbekova.' }, by: LEGAL_OFFICER },
  { code: 'security-screening', decision: { decision: 'satisfied', reason: 'No concerns about Shahrizoda Ozodbekova.' }, by: SCREENING_OFFICER },
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
  const api = async (url: string, method = 'GET', body?: unknown, [user, role, agency]: Actor = OFFICER) => {
    const res = await fetch(url, { method, headers: { 'content-type': 'application/json', ...actingAs(user, [role], agency) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
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
    ...(await scanDatabases(mongo, databasePrefixes(), [...Object.values(stack.databases), stack.dashboard!.database, keyVaultDbFor(stack.prefix)])),
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
  /** Whether a sealed value opens with the key of `keyId`, bound to `childId`, at any of the paths. */
  const opens = (key: Buffer, childId: string, data: string, paths = SEALED_PATHS) =>
    paths.some((path) => {
      try {
        decrypt(key, Buffer.from(data, 'base64'), associatedData(childId, path));
        return true;
      } catch {
        return false;
      }
    });
  let caseId: string;
  let movementId: string;
  let importedCaseId: string;
  let importedHoldId: string;
  let fullFeed: string;

  beforeAll(async () => {
    // With the dashboard: its holds read model keeps a hold's reason, which names the child.
    stack = await startTestStack({ dashboard: true });
    mongo = await MongoClient.connect(testServers.mongoUrl);
  }, LONG);

  afterAll(async () => {
    await stack.stop();
    await Promise.all([...Object.values(stack.databases), ...(stack.dashboard ? [stack.dashboard.database] : []), keyVaultDbFor(stack.prefix)].map((db) => mongo.db(db).dropDatabase()));
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
    // An agency entitled to personal data follows every event, by pull feed and by a webhook that never answers (its secret is a needle too).
    const eventTypes = eventCatalog.filter((d) => d.keyedBy !== 'subscription').map((d) => d.type);
    const { notification } = stack.services;
    fullFeed = (await ok(api(`${notification.url}/subscriptions`, 'POST', { agency: E2E_ENTITLED_AGENCY, eventTypes, personalData: 'full', delivery: { kind: 'pull' } }, ADMIN_1), 201))['subscriptionId'] as string;
    const hook = await ok(api(`${notification.url}/subscriptions`, 'POST', { agency: E2E_ENTITLED_AGENCY, eventTypes, personalData: 'full', delivery: { kind: 'webhook', url: 'http://127.0.0.1:9/hooks' } }, ADMIN_1), 201);
    NEEDLES.push(String(hook['webhookSecret']).replace(/^whsec_/, ''));
    const imported = await ok(api(`${intake.url}/imports`, 'POST', {
      programmeId: 'iq-ru-privacy',
      rows: [{
        rowReference: uniqueName('IMP'),
        sex: 'female',
        names: [{ given: 'Гулшода', family: 'Импортова', script: 'cyrillic' }, { given: 'Gulshoda', family: 'Importova', script: 'latin' }],
        birthDate: { value: '2012-08-23', precision: 'day' },
        facility: { type: 'camp', name: 'Kheshkhan Reception Centre', city: 'Baghdad' },
        guardians: [{ relationship: 'aunt', name: { given: 'Парвина', family: 'Импортова', script: 'cyrillic' }, email: importedGuardianEmail, preferredLanguage: 'ru' }],
      }],
    }, CASE_WORKER), 202);
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
    const importReport = await expectEventually(async () => {
      const report = await ok(api(`${intake.url}/imports/${String(imported['importId'])}/report`, 'GET', undefined, CASE_WORKER), 200);
      expect(report).toMatchObject({ status: 'completed', accepted: [{ outcome: 'created' }] });
      return report as { accepted: Array<{ caseId: string }> };
    }, { timeoutMs: 60_000 });
    importedCaseId = importReport.accepted[0]!.caseId;
    // The name search works (on blind-index keys), and the query never reaches a log.
    const found = await ok(api(`${intake.url}/cases?name=${encodeURIComponent('Шахризода Ozodbekova')}`, 'GET', undefined, CASE_WORKER), 200);
    expect((found['items'] as Array<{ caseId: string }>).map((c) => c.caseId)).toEqual([caseId]);

    await expectEventually(async () => expect((await api(`${legal.url}/legal-files/${caseId}`, 'GET', undefined, LEGAL_OFFICER)).status).toBe(200));
    for (const { code, evidence, decision, by } of CHECKLIST) {
      if (evidence) await ok(api(`${legal.url}/legal-files/${caseId}/requirements/${code}/evidence`, 'POST', evidence, by), 201);
      await ok(api(`${legal.url}/legal-files/${caseId}/requirements/${code}/decision`, 'POST', decision, by), 200);
    }
    // A hold whose reason names the child, placed and lifted before the approval.
    const hold = await ok(api(`${legal.url}/legal-files/${caseId}/holds`, 'POST', { category: 'family', reason: 'Мунира Озодбекова asked to wait for Shahrizoda.' }, SUPERVISOR), 201);
    await ok(api(`${legal.url}/legal-files/${caseId}/holds/${String(hold['holdId'])}/lift`, 'POST', undefined, SUPERVISOR), 200);
    // The imported child: a refusal and a hold that stays open (the dashboard's holds read model keeps it), both naming her.
    await expectEventually(async () => expect((await api(`${legal.url}/legal-files/${importedCaseId}`, 'GET', undefined, LEGAL_OFFICER)).status).toBe(200));
    await ok(api(`${legal.url}/legal-files/${importedCaseId}/requirements/exit-clearance/decision`, 'POST', { decision: 'refused', reason: 'No exit permit for Gulshoda Importova.' }, LEGAL_OFFICER), 200);
    importedHoldId = String((await ok(api(`${legal.url}/legal-files/${importedCaseId}/holds`, 'POST', { category: 'medical', reason: 'Гулшода Импортова awaits an assessment.' }, SUPERVISOR), 201))['holdId']);
    await expectEventually(async () => {
      const holds = await ok(api(`${stack.dashboard!.process.url}/api/holds`, 'GET', undefined, SUPERVISOR), 200);
      expect(holds['holds']).toEqual([expect.objectContaining({ holdId: importedHoldId, reason: 'Гулшода Импортова awaits an assessment.' })]);
    }, { timeoutMs: 60_000 });
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

    // The full feed has the child's whole journey.
    await expectEventually(async () => {
      const feed = await ok(api(`${notification.url}/feeds/${fullFeed}/events?limit=500`, 'GET', undefined, OBSERVER), 200);
      const aboutChild = (feed['items'] as Array<{ type: string; data: { caseId?: string } }>).filter((i) => i.data.caseId === caseId);
      expect(aboutChild.map((i) => i.type)).toEqual(expect.arrayContaining(['case.registered.v1', 'case.handed-over.v1']));
    }, { timeoutMs: 60_000 });

    const everything = await scanEverything();
    expect(plaintextFound(everything, NEEDLES)).toEqual([]);
    // The scan saw the children's data: sealed in the services' databases, in the topics and in the dead letter.
    const sealed = everything.flatMap((item) => item.sealed.map((s) => ({ where: item.where, data: s.data })));
    const keys = await dataKeys();
    const childKey = keys.get(caseId)!;
    expect(childKey).toBeDefined();
    expect(keys.has(importedCaseId)).toBe(true);
    // Every sealed value opens with the key of what it is bound to: a child, or a subscription for its secrets;
    // except the import's rows, whose key was shredded once the import completed.
    const ownerless = sealed.filter((s) => ![...keys].some(([id, key]) => opens(key, id, s.data, [...SEALED_PATHS, ...SECRET_PATHS])));
    expect(ownerless.filter((s) => !s.where.includes('_intake.import_chunks/')).map((s) => s.where)).toEqual([]);
    expect(ownerless.filter((s) => s.where.includes('_intake.import_chunks/'))).toHaveLength(1);
    const ofChild = sealed.filter((s) => opens(childKey, caseId, s.data));
    for (const where of ['_intake.cases', '_logistics.case_copies', '_logistics.movements', '_notification.guardian_contacts', '_notification.feed_entries', '_legal.legal_files', 'homeward.intake.v1:', 'homeward.logistics.v1:', 'homeward.legal.v1:', 'dlq.v1:']) {
      expect({ where, sealed: ofChild.some((s) => s.where.includes(where)) }).toEqual({ where, sealed: true });
    }
    const ofImported = sealed.filter((s) => opens(keys.get(importedCaseId)!, importedCaseId, s.data));
    for (const where of ['_intake.cases', '_notification.feed_entries', '_legal.legal_files', '_dashboard.hold_views', 'homeward.intake.v1:', 'homeward.legal.v1:']) {
      expect({ where, sealed: ofImported.some((s) => s.where.includes(where)) }).toEqual({ where, sealed: true });
    }
  }, LONG);

  it('erases the child on two admins’ word: the APIs show the case erased, and no key that exists opens any copy', async () => {
    const { intake, logistics } = stack.services;
    for (const id of [caseId, importedCaseId]) {
      await ok(api(`${intake.url}/cases/${id}/erasure`, 'POST', { reason: 'Retention of data no longer lawful (test)' }, ADMIN_1), 202);
      await ok(api(`${intake.url}/cases/${id}/erasure/approval`, 'POST', undefined, ADMIN_2), 200);
    }
    expect((await api(`${intake.url}/cases/${caseId}`, 'GET', undefined, CASE_WORKER)).body).toMatchObject({ caseId, erased: true });
    expect((await ok(api(`${intake.url}/cases?name=Ozodbekova`, 'GET', undefined, CASE_WORKER), 200))['items']).toEqual([]);
    // Other services notice once their short key cache expires: the manifest keeps the seat, not the child.
    await expectEventually(async () => {
      const manifest = await api(`${logistics.url}/movements/${movementId}/manifest.csv`);
      expect(manifest.status).toBe(200);
      expect(manifest.text).toContain('(erased)');
      expect(manifest.text).not.toContain('Ozodbekova');
    }, { timeoutMs: 30_000 });
    // Legal shows the files erased, their checklists and holds intact; the dashboard keeps the open hold without its reason.
    await expectEventually(async () => {
      const file = await ok(api(`${stack.services.legal.url}/legal-files/${caseId}`, 'GET', undefined, LEGAL_OFFICER), 200);
      expect(file).toMatchObject({ caseId, erased: true, status: 'cleared' });
      expect((file['requirements'] as Array<{ status: string }>).map((r) => r.status)).toEqual(Array(CHECKLIST.length).fill('satisfied'));
      const imported = await ok(api(`${stack.services.legal.url}/legal-files/${importedCaseId}`, 'GET', undefined, LEGAL_OFFICER), 200);
      expect(imported).toMatchObject({ erased: true, holds: [{ holdId: importedHoldId, category: 'medical' }] });
      expect(JSON.stringify([file, imported])).not.toMatch(/Ozodbekova|Озодбекова|Шахризода|Importova|Импортова/);
      const holds = await ok(api(`${stack.dashboard!.process.url}/api/holds`, 'GET', undefined, SUPERVISOR), 200);
      expect(holds['holds']).toEqual([{ holdId: importedHoldId, caseId: importedCaseId, category: 'medical', erased: true, placedBy: 'supervisor-1', placedAt: expect.any(String) }]);
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
    expect(remaining.has(importedCaseId)).toBe(false);
    const readable = sealed.filter((s) => [...remaining].some(([id, key]) => opens(key, id, s.data) || opens(key, caseId, s.data) || opens(key, importedCaseId, s.data)));
    expect(readable.map((s) => s.where)).toEqual([]);
    // The full feed keeps the entries' places and shows them erased, once the notification service's key cache has expired.
    await expectEventually(async () => {
      const feed = await ok(api(`${stack.services.notification.url}/feeds/${fullFeed}/events?limit=500`, 'GET', undefined, OBSERVER), 200);
      const items = feed['items'] as Array<{ erased?: boolean; data: { caseId?: string } }>;
      const aboutChildren = items.filter((i) => i.data.caseId === caseId || i.data.caseId === importedCaseId);
      expect(aboutChildren.length).toBeGreaterThan(0);
      expect(aboutChildren.filter((i) => !i.erased)).toEqual([]);
    }, { timeoutMs: 30_000 });
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
