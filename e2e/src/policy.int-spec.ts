import { FIELD_POLICY, GRANTS, hiddenFields, holds, Role as Roles, ROLES, type Permission, type Role } from '@homeward/auth';
import { actingAs, declaredOperations, expectEventually, probe, serviceNames, testServers } from '@homeward/testing';
import { MongoClient } from 'mongodb';
import { startTestStack, type TestStack } from './skeleton-stack';

const as = (role: Role) => ({ ...actingAs(`probe-${role}`, [role], `agency-of-${role}`), 'content-type': 'application/json' });

/**
 * The authorisation policy, table-driven over every endpoint of every
 * service (as each documents itself in /openapi.json) and every role: a role
 * without the endpoint's permission gets 403 naming it, a role with it gets
 * past the policy (to validation, 404 or the answer). Ids exist nowhere and
 * bodies are empty, so nothing changes.
 */
describe('every endpoint of every service, as every role', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    if (!stack) return;
    await stack.stop();
    const mongo = await MongoClient.connect(testServers.mongoUrl);
    await Promise.all(Object.values(stack.databases).map((db) => mongo.db(db).dropDatabase()));
    await mongo.close();
  });

  it.each(serviceNames)('%s: declares a permission everywhere and refuses exactly the roles without it', async (name) => {
    const base = stack.services[name].url;
    // Public operations (the signed unsubscribe link) check their own proof and have no caller.
    const operations = (await declaredOperations(base)).filter((o) => o.permission !== 'public');
    expect(operations.length).toBeGreaterThan(0);
    expect(operations.filter((o) => !(o.permission in GRANTS)).map((o) => `${o.method} ${o.path}`)).toEqual([]);
    const seen: string[] = [];
    const expected: string[] = [];
    for (const operation of operations) {
      for (const role of ROLES) {
        const answer = await probe(base, operation, { headers: as(role), body: '{}' });
        const row = `${operation.method} ${operation.path} as ${role}`;
        seen.push(`${row}: ${answer.status === 403 ? `403 ${String(answer.body['permission'])}` : answer.status >= 500 ? `${answer.status}` : 'allowed'}`);
        expected.push(`${row}: ${holds([role], operation.permission as Permission) ? 'allowed' : `403 ${operation.permission}`}`);
      }
    }
    expect(seen).toEqual(expected);
  });

  it('pins the policy DESIGN.md states', async () => {
    const status = async (service: keyof TestStack['services'], path: string, role: Role) =>
      (await probe(stack.services[service].url, { method: 'GET', path, permission: '' }, { headers: as(role) })).status;
    const id = '00000000-0000-4000-8000-000000000000';
    // Agency observers see aggregates only: no case, legal file or movement.
    expect(await status('intake', `/cases/${id}`, 'agency-observer')).toBe(403);
    expect(await status('legal', `/legal-files/${id}`, 'agency-observer')).toBe(403);
    expect(await status('logistics', '/movements', 'agency-observer')).toBe(403);
    // Logistics reads cases (names, birth dates, medical needs) but not legal files.
    expect(await status('intake', `/cases/${id}`, 'logistics-officer')).toBe(404);
    expect(await status('legal', `/legal-files/${id}`, 'logistics-officer')).toBe(403);
    // The auditor reads no personal data.
    expect(await status('intake', '/cases', 'auditor')).toBe(403);
    // Screening details are visible only to screening officers: the field policy hides them from every other role.
    const screeningFields = Object.keys(FIELD_POLICY['legal-file']);
    expect(screeningFields.length).toBeGreaterThan(0);
    for (const role of ROLES) expect({ role, hidden: hiddenFields('legal-file', [role]) }).toEqual({ role, hidden: role === Roles.ScreeningOfficer ? [] : screeningFields });
  });

  it('serves the screening details of a legal file to screening officers only, the outcome to every other reader', async () => {
    const { intake, legal } = stack.services;
    const call = async (url: string, method: string, role: Role, body?: unknown) => {
      const res = await fetch(url, { method, headers: as(role), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect((await call(`${intake.url}/programmes`, 'POST', Roles.Supervisor, {
      programmeId: 'iq-ru-policy', name: 'Policy e2e', originState: 'IQ', destinationState: 'RU',
      eligibility: { maxAgeAtRegistration: 17, childrenOnly: true }, escortPolicy: { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 }, requirements: ['security-screening'],
      // Each probing role acts for an agency of its own: all of them take part in this programme.
      participatingAgencies: ROLES.map((role) => `agency-of-${role}`),
    })).status).toBe(201);
    const registered = await call(`${intake.url}/cases`, 'POST', Roles.CaseWorker, {
      programmeId: 'iq-ru-policy', sex: 'male', names: [{ given: 'Test', family: 'Policy', script: 'latin' }], birthDate: { value: '2014-05-01', precision: 'day' },
      facility: { type: 'camp', name: 'Test Camp', city: 'Baghdad' }, guardians: [{ relationship: 'uncle', name: { given: 'Test', family: 'Guardian', script: 'latin' }, email: 'policy-guardian@example.org', preferredLanguage: 'ru' }],
    });
    expect(registered.status).toBe(201);
    const file = `${legal.url}/legal-files/${String(registered.body['caseId'])}`;
    await expectEventually(async () => expect((await call(file, 'GET', Roles.ScreeningOfficer)).status).toBe(200), { timeoutMs: 60_000 });
    const screening = `${file}/requirements/security-screening`;
    expect((await call(`${screening}/evidence`, 'POST', Roles.ScreeningOfficer, { kind: 'document', documentType: 'Watch-list check', number: 'W-1', issuingAuthority: 'Screening Unit', issuedOn: '2019-06-20' })).status).toBe(201);
    expect((await call(`${screening}/decision`, 'POST', Roles.ScreeningOfficer, { decision: 'satisfied', reason: 'No findings in list X.' })).status).toBe(200);

    const readers = ROLES.filter((role) => holds([role], 'legal-file:read'));
    expect(readers).toContain(Roles.ScreeningOfficer);
    for (const role of readers) {
      const { status, body } = await call(file, 'GET', role);
      const requirement = (body['requirements'] as Array<{ code: string; evidence: Array<Record<string, unknown>>; decisions: Array<Record<string, unknown>> }>).find((r) => r.code === 'security-screening')!;
      const seen = { role, status, reason: requirement.decisions[0]!['reason'], documentType: requirement.evidence[0]!['documentType'], restricted: requirement.decisions[0]!['restricted'] ?? false };
      expect(seen).toEqual(role === Roles.ScreeningOfficer
        ? { role, status: 200, reason: 'No findings in list X.', documentType: 'Watch-list check', restricted: false }
        : { role, status: 200, reason: undefined, documentType: undefined, restricted: true });
    }
  });
});
