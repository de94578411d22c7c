import { randomUUID } from 'node:crypto';
import { Kafka, type Consumer, type Producer } from 'kafkajs';
import {
  CaseBoardedV1,
  CaseRegisteredV1,
  CaseWithdrawnV1,
  ProgrammeCreatedV1,
  Topic,
  type EventEnvelope,
} from '@homeward/contracts';
import { createEventFactory, fromKafkaMessage, physicalTopic, toKafkaMessage } from '@homeward/messaging';
import { countUnpublished, sealEvent } from '@homeward/persistence';
import { loadServiceConfig, startService, type RunningService } from '@homeward/runtime';
import { createLogger } from '@homeward/telemetry';
import { actingAs, expectEventually, testAuthEnv, testServers, uniqueName } from '@homeward/testing';
import { legalService } from '../legal.service';
import { registerLegalFileModel } from '../store/legal-file.model';

/** The legal API and consumers against the real Kafka and MongoDB-wire server; other services' events are produced to the prefixed topics. */
describe('legal service against the real servers', () => {
  const prefix = uniqueName('legal');
  const kafka = new Kafka({ clientId: prefix, brokers: testServers.kafkaBrokers, logLevel: 0 });
  const intakeEvents = createEventFactory('/homeward/intake');
  const logisticsEvents = createEventFactory('/homeward/logistics');
  const programmeId = `prog-${randomUUID().slice(0, 8)}`;
  const officer = actingAs('officer-1', ['legal-officer']);
  const officerAndSupervisor = actingAs('officer-1', ['legal-officer', 'supervisor']);
  const supervisor = actingAs('supervisor-1', ['supervisor']);
  const screener = actingAs('screener-1', ['screening-officer']);
  const published: EventEnvelope[] = [];
  let service: RunningService;
  let base: string;
  let producer: Producer;
  let observer: Consumer;

  type Json = Record<string, unknown> & { status?: string; requirements?: Array<Record<string, unknown>> };
  const call = async (method: string, path: string, headers: Record<string, string> = officer, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, etag: res.headers.get('etag'), body: (await res.json()) as Json };
  };
  const file = (caseId: string, headers: Record<string, string> = officer) => call('GET', `/legal-files/${caseId}`, headers);
  const typesFor = (caseId: string) => published.filter((e) => e.subject === caseId).map((e) => e.type);
  const legalTopicSize = async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(physicalTopic(prefix, Topic.legal))).reduce((n, o) => n + Number(o.high), 0);
    } finally {
      await admin.disconnect();
    }
  };
  // As intake's relay would: the personal part sealed with the child's key.
  const sealed = (events: ReturnType<typeof intakeEvents>[]) => Promise.all(events.map((e) => sealEvent(service.context.privacy, e)));
  const produce = async (topic: string, ...events: ReturnType<typeof intakeEvents>[]) =>
    producer.send({ topic: physicalTopic(prefix, topic), messages: (await sealed(events)).map(toKafkaMessage) });
  const produceTo = async (partition: number, ...events: ReturnType<typeof intakeEvents>[]) =>
    producer.send({ topic: physicalTopic(prefix, Topic.intake), messages: (await sealed(events)).map((e) => ({ ...toKafkaMessage(e), partition })) });
  const registered = (caseId: string, programme = programmeId) =>
    intakeEvents(
      CaseRegisteredV1,
      {
        caseId,
        programmeId: programme,
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
          facility: { type: 'prison', name: 'Test Facility 1', city: 'Baghdad' },
          guardians: [],
        },
      },
      { correlationid: caseId },
    );
  const programmeCreated = (id = programmeId) =>
    intakeEvents(
      ProgrammeCreatedV1,
      {
        programmeId: id,
        name: 'Test programme Iraq to Russian Federation',
        originState: 'IQ',
        destinationState: 'RU',
        eligibility: { maxAgeAtRegistration: 17, childrenOnly: true },
        escortPolicy: { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 },
        requirements: ['nationality-verified', 'guardian-approved', 'parental-consent', 'exit-clearance', 'travel-document', 'security-screening'],
        createdAt: '2018-12-01T09:00:00Z',
      },
      { correlationid: id },
    );

  /** A registered case whose file is open. */
  const openCase = async () => {
    const caseId = randomUUID();
    await produce(Topic.intake, registered(caseId));
    await expectEventually(async () => expect((await file(caseId)).status).toBe(200));
    return caseId;
  };
  const evidence = (caseId: string, code: string, body: unknown, headers = officer) =>
    call('POST', `/legal-files/${caseId}/requirements/${code}/evidence`, headers, body);
  const decide = (caseId: string, code: string, body: unknown, headers = officer) =>
    call('POST', `/legal-files/${caseId}/requirements/${code}/decision`, headers, body);
  const document = { kind: 'document', documentType: 'birth certificate', number: 'BC-1', issuingAuthority: 'Test registry', issuedOn: '2014-02-01' };
  const satisfyAll = async (caseId: string) => {
    const dna = { kind: 'dna', laboratory: 'Test Lab', sampleId: 'S-1', testedRelative: 'grandmother', kinshipProbability: 0.9997 };
    expect((await evidence(caseId, 'nationality-verified', dna)).status).toBe(201);
    for (const code of ['guardian-approved', 'parental-consent', 'exit-clearance', 'travel-document']) {
      expect((await evidence(caseId, code, document)).status).toBe(201);
      const basis = code === 'guardian-approved' ? { basis: 'guardian-or-sponsor-approved' } : {};
      expect((await decide(caseId, code, { decision: 'satisfied', reason: 'Verified.', ...basis })).status).toBe(200);
    }
    expect((await decide(caseId, 'nationality-verified', { decision: 'satisfied', reason: 'DNA match.' })).status).toBe(200);
    expect((await decide(caseId, 'security-screening', { decision: 'satisfied', reason: 'No findings in list X.' }, screener)).status).toBe(200);
  };
  /** Every committed event is on the topic and observed: from here on, the topic's size only grows if a command publishes. */
  const settled = () =>
    expectEventually(async () => {
      // The outbox holds what the relay has yet to publish.
      expect(await countUnpublished(registerLegalFileModel(service.context.connection) as never)).toBe(0);
      expect(published.length).toBe(await legalTopicSize());
    });
  /** Asserts a refused command: the status, the problem, and that neither the file nor the topic changed. */
  const expectRefused = async (caseId: string, attempt: () => ReturnType<typeof call>, status: number, problem: Record<string, unknown> = {}) => {
    await settled();
    const before = await file(caseId);
    const sizeBefore = await legalTopicSize();
    const res = await attempt();
    expect({ status: res.status, ...res.body }).toMatchObject({ status, ...problem });
    const after = await file(caseId);
    expect(after.etag).toBe(before.etag);
    expect(after.body).toEqual(before.body);
    expect(await legalTopicSize()).toBe(sizeBefore);
    return res.body;
  };

  beforeAll(async () => {
    const config = loadServiceConfig('legal', 0, {
      ...testAuthEnv(),
      HOMEWARD_TOPIC_PREFIX: prefix,
      MONGO_DB: prefix.replaceAll('-', '_'),
      MONGO_URL: testServers.mongoUrl,
      KAFKA_BROKERS: testServers.kafkaBrokers.join(','),
      KAFKA_GROUP_ID: prefix,
      RELAY_POLL_MS: '50',
    });
    service = await startService(legalService, config, createLogger('legal', 'silent'));
    base = `http://127.0.0.1:${service.port}`;
    producer = kafka.producer();
    await producer.connect();
    observer = kafka.consumer({ groupId: `${prefix}-observer` });
    await observer.connect();
    await observer.subscribe({ topics: [physicalTopic(prefix, Topic.legal)], fromBeginning: true });
    await observer.run({ eachMessage: async ({ message }) => void published.push(fromKafkaMessage(message)) });
    await produce(Topic.intake, programmeCreated());
  });

  afterAll(async () => {
    await observer?.disconnect();
    await producer?.disconnect();
    await service.drain();
    await service.context.connection.dropDatabase();
    await service.close();
  });

  it('opens one file per case whatever Kafka redelivers, after its programme is known, and closes it on withdrawal', async () => {
    const lateProgramme = `late-${randomUUID().slice(0, 8)}`;
    const caseId = randomUUID();
    const registration = registered(caseId, lateProgramme);
    const withdrawal = intakeEvents(CaseWithdrawnV1, { caseId, reason: 'Test withdrawal.', withdrawnAt: '2019-06-25T08:00:00Z' }, { correlationid: caseId });
    // The case arrives (twice) before its programme, which travels on another
    // partition (explicit here, by key hash in production): the consumer
    // retries the case until the programme is known.
    await produceTo(0, registration, registration, withdrawal);
    await produceTo(1, programmeCreated(lateProgramme));
    const closed = await expectEventually(async () => {
      const res = await file(caseId);
      expect(res.body.status).toBe('closed');
      return res;
    });
    expect(closed.etag).toBe('"2"');
    expect(closed.body.requirements!.map((r) => r['status'])).toEqual(Array(6).fill('pending'));
    await expectEventually(() => expect(typesFor(caseId)).toEqual(['legal-file.opened.v1']));
    await expectRefused(caseId, () => evidence(caseId, 'parental-consent', document), 409, { detail: expect.stringContaining('closed') });
  });

  it('clears a case with four eyes: same person 403 and nothing changed, then a different supervisor', async () => {
    const caseId = await openCase();
    await satisfyAll(caseId);
    const screeningAsOfficer = (await file(caseId)).body.requirements!.find((r) => r['code'] === 'security-screening')!;
    expect(screeningAsOfficer['decisions']).toEqual([{ decision: 'satisfied', decidedBy: 'screener-1', decidedAt: expect.any(String), restricted: true }]);
    const screeningAsScreener = (await file(caseId, screener)).body.requirements!.find((r) => r['code'] === 'security-screening')!;
    expect(screeningAsScreener['decisions']).toEqual([expect.objectContaining({ reason: 'No findings in list X.' })]);

    expect((await call('POST', `/legal-files/${caseId}/clearance-request`, officerAndSupervisor)).body.status).toBe('clearance-requested');
    const refused = await expectRefused(caseId, () => call('POST', `/legal-files/${caseId}/clearance-approval`, officerAndSupervisor), 403);
    expect(refused['detail']).toMatch(/four-eyes rule: officer-1 requested this clearance/);

    const approved = await call('POST', `/legal-files/${caseId}/clearance-approval`, supervisor);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'cleared', clearance: { requestedBy: 'officer-1', approvedBy: 'supervisor-1' } });
    await expectEventually(() =>
      expect(typesFor(caseId)).toEqual([
        'legal-file.opened.v1',
        'requirement.evidence-attached.v1',
        ...Array(4).fill(['requirement.evidence-attached.v1', 'requirement.decided.v2']).flat(),
        'requirement.decided.v2',
        'requirement.decided.v2',
        'clearance.requested.v1',
        'case.cleared.v1',
      ]),
    );
    const cleared = published.find((e) => e.subject === caseId && e.type === 'case.cleared.v1')!;
    expect(cleared.data).toMatchObject({ caseId, programmeId, approvedBy: ['officer-1', 'supervisor-1'] });
    const screeningEvent = published.find((e) => e.subject === caseId && e.type === 'requirement.decided.v2' && (e.data as Json)['requirement'] === 'security-screening')!;
    expect(JSON.stringify(screeningEvent.data)).not.toContain('list X');

    const list = await call('GET', `/legal-files?status=cleared&programmeId=${programmeId}`);
    expect(list.body['items']).toEqual([expect.objectContaining({ caseId, status: 'cleared', activeHolds: 0 })]);
  });

  it('refuses commands that break a rule or the state machine, changing nothing and publishing nothing', async () => {
    const caseId = await openCase();
    const path = `/legal-files/${caseId}`;
    await expectRefused(caseId, () => call('POST', `${path}/clearance-approval`, supervisor), 409, { detail: expect.stringContaining('the legal file is open') });
    await expectRefused(caseId, () => decide(caseId, 'exit-clearance', { decision: 'satisfied', reason: 'x' }), 422, { rule: 'evidence-required' });
    const unsatisfied = await expectRefused(caseId, () => call('POST', `${path}/clearance-request`, officer), 422, { rule: 'requirements-satisfied' });
    expect(unsatisfied['detail']).toMatch(/nationality-verified \(pending\)/);
    await expectRefused(caseId, () => call('POST', `${path}/clearance-request`, supervisor), 403);
    await expectRefused(caseId, () => decide(caseId, 'security-screening', { decision: 'satisfied', reason: 'x' }), 403);
    await expectRefused(caseId, () => decide(caseId, 'guardian-approved', { decision: 'refused', reason: 'x', basis: 'state-care-arranged' }), 422, { rule: 'guardian-basis' });
    await expectRefused(caseId, () => call('POST', `${path}/rejection`, officer, { requirement: 'exit-clearance', reason: 'x' }), 422, { rule: 'requirement-refused' });
    const anonymous = await expectRefused(caseId, () => evidence(caseId, 'exit-clearance', document, {} as typeof officer), 401);
    expect(anonymous['type']).toMatch(/unauthorized$/);
    await expectRefused(caseId, () => evidence(caseId, 'exit-clearance', { ...document, kinshipProbability: 2 }), 400);
    await expectRefused(caseId, () => call('POST', `${path}/holds`, { ...officer, 'if-match': '"99"' }, { category: 'legal', reason: 'x' }), 412);
    expect((await call('POST', `/legal-files/${randomUUID()}/holds`, officer, { category: 'legal', reason: 'x' })).status).toBe(404);
    expect(typesFor(caseId)).toEqual(['legal-file.opened.v1']);
  });

  it('a hold blocks approval until lifted; after boarding no hold may be placed', async () => {
    const caseId = await openCase();
    await satisfyAll(caseId);
    expect((await call('POST', `/legal-files/${caseId}/clearance-request`, officer)).status).toBe(200);
    const placed = await call('POST', `/legal-files/${caseId}/holds`, supervisor, { category: 'family', reason: 'Guardian unreachable.' });
    expect(placed.status).toBe(201);
    const holdId = placed.body['holdId'] as string;
    await expectRefused(caseId, () => call('POST', `/legal-files/${caseId}/clearance-approval`, supervisor), 422, { rule: 'no-active-hold' });
    expect((await call('POST', `/legal-files/${caseId}/holds/${holdId}/lift`, supervisor)).status).toBe(200);
    expect((await call('POST', `/legal-files/${caseId}/clearance-approval`, supervisor)).body.status).toBe('cleared');

    const boarded = logisticsEvents(CaseBoardedV1, { caseId, movementId: randomUUID(), boardedAt: '2019-07-10T04:30:00Z' }, { correlationid: caseId });
    await produce(Topic.logistics, boarded);
    await expectEventually(async () => expect((await file(caseId)).body['boardedAt']).toBe('2019-07-10T04:30:00Z'));
    await expectRefused(caseId, () => call('POST', `/legal-files/${caseId}/holds`, supervisor, { category: 'security', reason: 'x' }), 409, {
      detail: expect.stringContaining('only before boarding'),
    });
    await expectEventually(() => expect(typesFor(caseId).slice(-4)).toEqual(['clearance.requested.v1', 'case.hold-placed.v2', 'case.hold-lifted.v1', 'case.cleared.v1']));
  });

  it('rejects a case on a refused requirement; the rejection is terminal', async () => {
    const caseId = await openCase();
    expect((await decide(caseId, 'exit-clearance', { decision: 'refused', reason: 'Exit permit refused.' })).status).toBe(200);
    const rejected = await call('POST', `/legal-files/${caseId}/rejection`, supervisor, { requirement: 'exit-clearance', reason: 'The origin state refuses the exit.' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejection: { requirement: 'exit-clearance', rejectedBy: 'supervisor-1' } });
    await expectEventually(() => expect(typesFor(caseId)).toEqual(['legal-file.opened.v1', 'requirement.decided.v2', 'case.rejected.v2']));
    await expectRefused(caseId, () => evidence(caseId, 'exit-clearance', document), 409, { detail: expect.stringContaining('rejected') });
    await expectRefused(caseId, () => call('POST', `/legal-files/${caseId}/holds`, supervisor, { category: 'legal', reason: 'x' }), 409);
  });

  it("seals the file's texts and evidence details and the events' reasons with the child's key; after erasure the file reads as erased and its rules still hold", async () => {
    const caseId = await openCase();
    const NAME = 'Zarina Sealtestova';
    const dna = { kind: 'dna', laboratory: `Lab of ${NAME}`, sampleId: `SAMPLE-${NAME}`, testedRelative: `grandmother of ${NAME}`, kinshipProbability: 0.99 };
    expect((await evidence(caseId, 'nationality-verified', dna)).status).toBe(201);
    expect((await evidence(caseId, 'exit-clearance', { ...document, number: `DOC-${NAME}`, issuingAuthority: `Registry of ${NAME}` })).status).toBe(201);
    expect((await decide(caseId, 'nationality-verified', { decision: 'satisfied', reason: `DNA confirms ${NAME}.` })).status).toBe(200);
    expect((await decide(caseId, 'exit-clearance', { decision: 'refused', reason: `No exit permit for ${NAME}.` })).status).toBe(200);
    const placed = await call('POST', `/legal-files/${caseId}/holds`, supervisor, { category: 'family', reason: `${NAME}'s aunt objects.` });
    expect(placed.status).toBe(201);
    const rejected = await call('POST', `/legal-files/${caseId}/rejection`, supervisor, { requirement: 'exit-clearance', reason: `The origin state keeps ${NAME}.` });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejection: { reason: `The origin state keeps ${NAME}.` } });
    expect(rejected.body.requirements![0]!['evidence']).toEqual([expect.objectContaining({ laboratory: `Lab of ${NAME}`, testedRelative: `grandmother of ${NAME}` })]);
    await expectEventually(() => expect(typesFor(caseId).slice(-3)).toEqual(['requirement.decided.v2', 'case.hold-placed.v2', 'case.rejected.v2']));

    const model = registerLegalFileModel(service.context.connection);
    const stored = JSON.stringify(await model.collection.findOne({ _id: caseId } as never));
    expect(stored).not.toContain('Sealtestova');
    expect(JSON.stringify(published.filter((e) => e.subject === caseId))).not.toContain('Sealtestova');
    const current = (await model.collection.findOne({ _id: caseId } as never)) as unknown as { status: string; requirements: Array<{ code: string; status: string }>; holds: Array<{ category: string }> };
    expect([current.status, current.holds.map((h) => h.category)]).toEqual(['rejected', ['family']]);
    expect(current.requirements.slice(0, 4).map((r) => r.status)).toEqual(['satisfied', 'pending', 'pending', 'refused']);

    await service.context.privacy.erase(caseId);
    const erased = await file(caseId);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ erased: true, status: 'rejected', rejection: { requirement: 'exit-clearance', rejectedBy: 'supervisor-1' } });
    expect(erased.body['rejection']).not.toHaveProperty('reason');
    expect(erased.body['holds']).toEqual([{ holdId: placed.body['holdId'], category: 'family', placedBy: 'supervisor-1', placedAt: expect.any(String) }]);
    expect(erased.body.requirements![0]!).toMatchObject({ code: 'nationality-verified', status: 'satisfied', decisions: [{ decision: 'satisfied', decidedBy: 'officer-1', decidedAt: expect.any(String) }] });
    expect(erased.body.requirements![0]!['evidence']).toEqual([{ evidenceId: expect.any(String), kind: 'dna', kinshipProbability: 0.99, attachedBy: 'officer-1', attachedAt: expect.any(String) }]);
    expect(JSON.stringify(erased.body)).not.toContain('Sealtestova');
    // The structure still decides: a rejected file stays rejected, nothing new is accepted.
    expect((await call('POST', `/legal-files/${caseId}/clearance-request`, officer)).status).toBe(409);
  });

  it("closes the file of an erased child on its withdrawal: the new status is recorded, the texts stay erased", async () => {
    const caseId = await openCase();
    expect((await call('POST', `/legal-files/${caseId}/holds`, supervisor, { category: 'family', reason: 'Zarina Sealtestova waits for her aunt.' })).status).toBe(201);
    await service.context.privacy.erase(caseId);
    await produce(Topic.intake, intakeEvents(CaseWithdrawnV1, { caseId, withdrawnAt: '2019-07-01T09:00:00Z', reason: 'Test withdrawal.' }, { correlationid: caseId }));
    const closed = await expectEventually(async () => {
      const res = await file(caseId);
      expect(res.body.status).toBe('closed');
      return res.body;
    });
    expect(closed).toMatchObject({ erased: true, holds: [{ category: 'family' }], closure: { reason: 'withdrawn' } });
    expect((closed['statusHistory'] as object[]).at(-1)).toEqual({ status: 'closed', at: '2019-07-01T09:00:00Z', by: 'case.withdrawn.v1' });
  });

  it('documents every route in /openapi.json', async () => {
    const { body } = await call('GET', '/openapi.json');
    const paths = body['paths'] as Record<string, Record<string, unknown>>;
    expect(Object.fromEntries(Object.entries(paths).map(([path, ops]) => [path, Object.keys(ops)]))).toEqual({
      '/legal-files/{caseId}': ['get'],
      '/legal-files': ['get'],
      '/legal-files/{caseId}/requirements/{code}/evidence': ['post'],
      '/legal-files/{caseId}/requirements/{code}/decision': ['post'],
      '/legal-files/{caseId}/holds': ['post'],
      '/legal-files/{caseId}/holds/{holdId}/lift': ['post'],
      '/legal-files/{caseId}/clearance-request': ['post'],
      '/legal-files/{caseId}/clearance-approval': ['post'],
      '/legal-files/{caseId}/rejection': ['post'],
      '/audit': ['get'],
      '/audit/verification': ['get'],
    });
  });
});
