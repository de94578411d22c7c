import { MongoClient } from 'mongodb';
import { actingAs, concretePath, declaredOperations, expectEventually, PROBE_ID, probe, serviceNames, testServers, type DeclaredOperation, type ServiceName } from '@homeward/testing';
import { startTestStack, type TestStack } from './skeleton-stack';

const HOME = 'agency-of-the-programme';
const ELSEWHERE = 'agency-elsewhere';
const json = { 'content-type': 'application/json' };
// Admins hold every permission but the audit's: what is left to refuse them is their agency.
const insider = { ...actingAs('insider', ['admin'], HOME), ...json };
const outsider = { ...actingAs('outsider', ['admin'], ELSEWHERE), ...json };
const operator = { ...actingAs('operator', ['admin'], 'homeward-operations'), ...json };
const auditor = actingAs('auditor', ['auditor'], 'homeward-data-protection');
// A body no command accepts: a participant is stopped by validation (past the agency rule), nothing runs.
const REFUSED_BODY = JSON.stringify({ 'not-a-field-of-any-command': true });

const programme = (programmeId: string, participatingAgencies?: string[]) => ({
  programmeId,
  name: `Agency test ${programmeId}`,
  originState: 'IQ',
  destinationState: 'RU',
  eligibility: { maxAgeAtRegistration: 17, childrenOnly: true },
  escortPolicy: { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 },
  requirements: ['nationality-verified', 'exit-clearance'],
  ...(participatingAgencies ? { participatingAgencies } : {}),
});
const child = (programmeId: string, given: string) => ({
  programmeId,
  sex: 'female',
  names: [{ given, family: 'Agentova', script: 'latin' }],
  birthDate: { value: '2016-01-01', precision: 'year' },
  facility: { type: 'camp', name: 'Test Camp', city: 'Erbil' },
  guardians: [{ relationship: 'grandmother', name: { given: 'Zarema', family: 'Agentova', script: 'latin' }, email: 'grandmother@example.org', preferredLanguage: 'ru' }],
});
const flight = (programmeId: string) => ({
  programmeId,
  operator: 'Emergencies Ministry',
  flightNumber: 'EMR-AGENCY',
  departureAirport: 'BGW',
  arrivalAirport: 'ZIA',
  scheduledDeparture: '2031-07-10T05:00:00Z',
  seats: 10,
});

/**
 * Authorisation by agency, table-driven over every endpoint of every
 * service that names a case-scoped object (each declares its scope in
 * /openapi.json as `x-agency-scope`): a caller whose agency does not
 * participate in the object's programme gets the 404 of an object that does
 * not exist, reads and writes alike, and changes nothing; a participant and
 * an operator get past the rule; lists show each agency its own programmes'
 * objects only; the refusal is audited with its reason.
 */
describe('which agency may act on which objects', () => {
  let stack: TestStack;
  let ids: Record<string, string>;
  let otherCaseId: string;
  const url = (service: ServiceName, path: string) => `${stack.services[service].url}${path}`;
  const call = async (service: ServiceName, method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(url(service, path), { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    return { status: res.status, etag: res.headers.get('etag'), body: (/json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
  const created = async (service: ServiceName, path: string, headers: Record<string, string>, body: unknown) => {
    const res = await call(service, 'POST', path, headers, body);
    expect({ path, status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body;
  };

  beforeAll(async () => {
    stack = await startTestStack();
    // The programme of the test, with its participant; another one of another agency (by default, its creator's).
    await created('intake', '/programmes', { ...actingAs('supervisor', ['supervisor'], HOME), ...json }, programme('agency-home', [HOME]));
    await created('intake', '/programmes', { ...actingAs('other-supervisor', ['supervisor'], ELSEWHERE), ...json }, programme('agency-elsewhere'));
    const caseId = (await created('intake', '/cases', { ...actingAs('case-worker', ['case-worker'], HOME), ...json }, child('agency-home', 'Amina')))['caseId'] as string;
    otherCaseId = (await created('intake', '/cases', { ...actingAs('other-case-worker', ['case-worker'], ELSEWHERE), ...json }, child('agency-elsewhere', 'Leyla')))['caseId'] as string;
    // Every service has learnt the programme and the case from the events before the table runs.
    const movementId = await expectEventually(async () => {
      await expect(call('logistics', 'GET', `/cases/${caseId}`, insider)).resolves.toMatchObject({ status: 200 });
      return (await created('logistics', '/movements', { ...actingAs('officer', ['logistics-officer'], HOME), ...json }, flight('agency-home')))['movementId'] as string;
    });
    await expectEventually(async () => {
      await expect(call('legal', 'GET', `/legal-files/${caseId}`, insider)).resolves.toMatchObject({ status: 200 });
      // Intake has recorded the file's opening: nothing more changes the case on its own.
      await expect(call('intake', 'GET', `/cases/${caseId}`, insider)).resolves.toMatchObject({ status: 200, body: { stage: 'in-legal-review' } });
      await expect(call('notification', 'GET', `/cases/${caseId}/guardians`, insider)).resolves.toMatchObject({ status: 200, body: { guardians: [expect.anything()] } });
    });
    ids = { caseId, movementId, programmeId: 'agency-home', code: 'exit-clearance' };
  });
  afterAll(async () => {
    if (!stack) return;
    await stack.stop();
    const mongo = await MongoClient.connect(testServers.mongoUrl);
    await Promise.all(Object.values(stack.databases).map((db) => mongo.db(db).dropDatabase()));
    await mongo.close();
  });

  const scoped = async (name: ServiceName) => (await declaredOperations(stack.services[name].url)).filter((o) => o.agencyScope);
  const path = (operation: DeclaredOperation) => concretePath(operation.path, (param) => ids[param] ?? PROBE_ID);
  /** The objects a denied write must leave as they were: each with its version or state. */
  const objects = async () => ({
    case: (await call('intake', 'GET', `/cases/${ids['caseId']}`, insider)).etag,
    programme: (await call('intake', 'GET', '/programmes/agency-home', insider)).body,
    legalFile: (await call('legal', 'GET', `/legal-files/${ids['caseId']}`, insider)).etag,
    movement: (await call('logistics', 'GET', `/movements/${ids['movementId']}`, insider)).body,
    guardians: (await call('notification', 'GET', `/cases/${ids['caseId']}/guardians`, insider)).body,
  });

  it('declares an agency scope on every endpoint that names a case, a movement or a programme', async () => {
    for (const name of serviceNames) {
      const unscoped = (await declaredOperations(stack.services[name].url)).filter((o) => /\{(caseId|movementId|programmeId)\}/.test(o.path) && !o.agencyScope);
      expect(unscoped.map((o) => `${name}: ${o.method} ${o.path}`)).toEqual([]);
    }
  });

  it.each(serviceNames)('%s: answers another agency 404 everywhere, reads and writes, and changes nothing', async (name) => {
    const operations = (await scoped(name)).filter((o) => o.agencyScope!.parameter in ids);
    expect(operations.length).toBeGreaterThan(0);
    const before = await objects();
    const seen: string[] = [];
    for (const operation of operations) {
      const answer = await probe(stack.services[name].url, operation, { path: path(operation), headers: outsider, body: REFUSED_BODY });
      const unknownPath = concretePath(operation.path, (param) => (param === operation.agencyScope!.parameter ? PROBE_ID : (ids[param] ?? PROBE_ID)));
      const unknown = await probe(stack.services[name].url, operation, { path: unknownPath, headers: outsider, body: REFUSED_BODY });
      // Not found, worded as for an object that does not exist (the id aside): nothing tells it exists.
      const sameAsUnknown = String(answer.body['detail']).replace(/[0-9a-z-]{8,}/g, 'ID') === String(unknown.body['detail']).replace(/[0-9a-z-]{8,}/g, 'ID');
      seen.push(`${operation.method} ${operation.path}: ${answer.status}${answer.status === 404 && !sameAsUnknown ? ` (${String(answer.body['detail'])})` : ''}`);
    }
    expect(seen).toEqual(operations.map((o) => `${o.method} ${o.path}: 404`));
    expect(await objects()).toEqual(before);
  });

  it.each(serviceNames)('%s: lets a participant and an operator past the agency rule everywhere', async (name) => {
    const operations = (await scoped(name)).filter((o) => o.agencyScope!.parameter in ids);
    const seen: string[] = [];
    const expected: string[] = [];
    for (const operation of operations) {
      for (const [who, headers] of [['participant', insider], ['operator', operator]] as const) {
        const answer = await probe(stack.services[name].url, operation, { path: path(operation), headers, body: REFUSED_BODY });
        // A read answers; a command gets past the rule to its validation or its own lookups (a hold or an escort
        // that does not exist), never to the rule's 404 for the object itself.
        const { object, parameter } = operation.agencyScope!;
        const refused = answer.status === 404 && String(answer.body['detail']) === `${object} ${ids[parameter]!} does not exist`;
        const passed = operation.method === 'GET' ? answer.status === 200 : !refused && answer.status < 500;
        seen.push(`${operation.method} ${operation.path} as ${who}: ${passed ? 'allowed' : `${answer.status} ${String(answer.body['detail'])}`}`);
        expected.push(`${operation.method} ${operation.path} as ${who}: allowed`);
      }
    }
    expect(seen).toEqual(expected);
  });

  it.each([
    ['intake', '/programmes', 'programmeId', 'agency-home', 'agency-elsewhere'],
    ['intake', '/cases', 'caseId', 'home', 'elsewhere'],
    ['legal', '/legal-files', 'caseId', 'home', 'elsewhere'],
    ['logistics', '/movements?programmeId=agency-home', 'movementId', 'home', undefined],
  ] as const)('%s %s: lists only the programmes the caller participates in', async (service, list, key, home, elsewhere) => {
    const idOf = (which: string | undefined) => (which === 'home' ? (key === 'movementId' ? ids['movementId'] : ids['caseId']) : which === 'elsewhere' ? otherCaseId : which);
    const listed = async (headers: Record<string, string>) => {
      const body = (await call(service, 'GET', list, headers)).body;
      return ((body['items'] ?? body['movements']) as Array<Record<string, unknown>>).map((item) => item[key]);
    };
    await expectEventually(async () => {
      const [mine, theirs, all] = [await listed(insider), await listed(outsider), await listed(operator)];
      expect(mine).toContain(idOf(home));
      expect(theirs).not.toContain(idOf(home));
      expect(all).toContain(idOf(home));
      if (elsewhere) {
        expect(mine).not.toContain(idOf(elsewhere));
        expect(theirs).toContain(idOf(elsewhere));
        expect(all).toContain(idOf(elsewhere));
      }
    });
  });

  it('refuses to register a child or schedule a flight under a programme of another agency, as under none', async () => {
    const registered = await call('intake', 'POST', '/cases', outsider, child('agency-home', 'Intruder'));
    const unknown = await call('intake', 'POST', '/cases', outsider, child('no-such-programme', 'Intruder'));
    expect(registered.status).toBe(unknown.status);
    expect(String(registered.body['detail'])).toBe(String(unknown.body['detail']).replace('no-such-programme', 'agency-home'));
    expect((await call('logistics', 'POST', '/movements', outsider, flight('agency-home'))).status).toBe(404);
    const cases = (await call('intake', 'GET', '/cases?programmeId=agency-home', operator)).body['items'] as unknown[];
    expect(cases).toHaveLength(1);
  });

  it('audits a refusal with its reason and no personal data', async () => {
    const requestId = crypto.randomUUID();
    expect((await call('legal', 'GET', `/legal-files/${ids['caseId']}`, { ...outsider, 'x-request-id': requestId })).status).toBe(404);
    const record = await expectEventually(async () => {
      const items = (await call('legal', 'GET', `/audit?actor=outsider`, auditor)).body['items'] as Array<Record<string, unknown>>;
      const found = items.find((r) => r['requestId'] === requestId);
      expect(found).toBeDefined();
      return found!;
    });
    expect(record).toMatchObject({
      action: 'denied',
      caseId: ids['caseId'],
      status: 404,
      fields: [],
      reason: `agency ${ELSEWHERE} does not participate in programme agency-home`,
      actor: { userId: 'outsider', agency: ELSEWHERE },
    });
    expect(JSON.stringify(record)).not.toMatch(/Amina|Agentova/);
    // An auditor outside the audit agencies reads their own agency's records only.
    const ownAgency = (await call('legal', 'GET', '/audit', actingAs('agency-auditor', ['auditor'], HOME))).body['items'] as Array<{ actor: { agency: string } }>;
    expect(ownAgency.length).toBeGreaterThan(0);
    expect(new Set(ownAgency.map((r) => r.actor.agency))).toEqual(new Set([HOME]));
  });
});
