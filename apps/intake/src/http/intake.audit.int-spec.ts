import { randomUUID } from 'node:crypto';
import * as testing from '@homeward/testing';
import { actingAs } from '@homeward/testing';
import { caseBody, IntakeUnderTest, programmeBody, SUPERVISOR, USER } from './case-api.test-kit';

const P = 'iq-ru-2019';
const AUDITOR = actingAs('auditor-1', ['auditor'], 'homeward-data-protection');
type Record_ = { seq: number; actor: { userId: string; roles: string[]; agency: string }; action: string; operation: string; caseId?: string; fields: string[]; purpose?: string; status: number; requestId: string; reason?: string; claimedIssuer?: string; at: string };
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Every access to a child's data leaves a record in intake's hash-chained audit trail, which the auditor reads and verifies. */
describe('intake audit trail', () => {
  const intake = new IntakeUnderTest(testing);
  let caseId: string;
  const auditOf = async (query: string) => (await intake.call<{ items: Record_[] }>('GET', `/audit?${query}`, undefined, AUDITOR)).body.items;

  beforeAll(async () => {
    await intake.start();
    expect((await intake.call('POST', '/programmes', programmeBody(P, { participatingAgencies: [testing.TEST_AGENCY, 'ru-emergencies-ministry'] }), SUPERVISOR)).status).toBe(201);
    const registered = await intake.call('POST', '/cases', caseBody(P, { mother: { status: 'detained' } }), { ...USER, 'x-homeward-purpose': 'registration at the camp' });
    caseId = registered.body['caseId'] as string;
  });
  afterAll(() => intake.stop());

  it('records a read with who, role, agency, the fields seen, the stated purpose, UTC time and request id', async () => {
    const requestId = randomUUID();
    const logistics = { ...actingAs('logistics-officer-1', ['logistics-officer'], 'ru-emergencies-ministry'), 'x-homeward-purpose': 'seat planning', 'x-request-id': requestId };
    expect((await intake.call('GET', `/cases/${caseId}`, undefined, logistics)).status).toBe(200);
    const record = await testing.expectEventually(async () => {
      const found = (await auditOf(`caseId=${caseId}&actor=logistics-officer-1`)).find((r) => r.requestId === requestId);
      expect(found).toBeDefined();
      return found!;
    });
    expect(record).toMatchObject({
      actor: { userId: 'logistics-officer-1', roles: ['logistics-officer'], agency: 'ru-emergencies-ministry' },
      action: 'read',
      operation: 'GET /cases/:caseId',
      caseId,
      purpose: 'seat planning',
      status: 200,
    });
    expect(record.fields).toEqual(expect.arrayContaining(['personal.names', 'personal.birthDate']));
    expect(record.fields).not.toContain('personal.mother');
    expect(record.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('records the registration as a write of the case, naming the fields, never their values', async () => {
    const [write] = await testing.expectEventually(async () => {
      const found = (await auditOf(`caseId=${caseId}&actor=case-worker-1`)).filter((r) => r.action === 'write');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(write).toMatchObject({ operation: 'POST /cases', purpose: 'registration at the camp', status: 201 });
    expect(write!.fields).toEqual(expect.arrayContaining(['names', 'birthDate', 'mother', 'guardians']));
    expect(JSON.stringify(write)).not.toContain('Примерова');
  });

  it('records a refused request without personal data', async () => {
    const requestId = randomUUID();
    const refused = await intake.call('GET', `/cases/${caseId}`, undefined, { ...actingAs('observer-1', ['agency-observer'], 'iq-foreign-ministry'), 'x-request-id': requestId });
    expect(refused.status).toBe(403);
    const record = await testing.expectEventually(async () => {
      const found = (await auditOf(`actor=observer-1`)).find((r) => r.requestId === requestId);
      expect(found).toBeDefined();
      return found!;
    });
    expect(record).toMatchObject({ action: 'denied', caseId, fields: [], status: 403, actor: { roles: ['agency-observer'] } });
  });

  it('records requests refused for want of a valid token (401) under the route template, with the reason, never the token or the path asked for', async () => {
    const [missing, forged, nowhere] = [randomUUID(), randomUUID(), randomUUID()];
    const token = `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url({ iss: 'https://issuer.invalid', sub: 'intruder', name: 'Примерова' })}.c2lnbmF0dXJl`;
    expect((await intake.call('GET', `/cases/${caseId}?name=Primerova`, undefined, { 'x-request-id': missing })).status).toBe(401);
    expect((await intake.call('GET', `/cases/${caseId}`, undefined, { authorization: `Bearer ${token}`, 'x-request-id': forged })).status).toBe(401);
    expect((await intake.call('GET', '/nowhere/Primerova', undefined, { 'x-request-id': nowhere })).status).toBe(401);
    const records = await testing.expectEventually(async () => {
      const found = await auditOf('actor=unauthenticated');
      expect(found.map((r) => r.requestId).sort()).toEqual([missing, forged, nowhere].sort());
      return new Map(found.map((r) => [r.requestId, r]));
    });
    const unauthenticated = { actor: { userId: 'unauthenticated', roles: [], agency: 'unknown' }, action: 'unauthenticated', fields: [], status: 401 };
    expect(records.get(missing)).toMatchObject({ ...unauthenticated, operation: 'GET /cases/:caseId', permission: 'case:read', caseId, reason: 'no bearer token' });
    expect(records.get(forged)).toMatchObject({ ...unauthenticated, operation: 'GET /cases/:caseId', caseId, claimedIssuer: 'https://issuer.invalid', reason: expect.any(String) });
    expect(records.get(nowhere)).toMatchObject({ ...unauthenticated, operation: 'GET (no such route)', permission: 'none' });
    const text = JSON.stringify([...records.values()]);
    for (const secret of ['Primerova', 'Примерова', 'intruder', 'c2lnbmF0dXJl', token.split('.')[1]!]) expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
  });

  it('lets only the auditor read the trail, filtered by time, and verify the chain', async () => {
    expect((await intake.call('GET', '/audit', undefined, USER)).status).toBe(403);
    expect(await auditOf(`caseId=${caseId}&to=2000-01-01T00:00:00Z`)).toEqual([]);
    expect((await auditOf(`caseId=${caseId}&from=2000-01-01T00:00:00Z`)).length).toBeGreaterThanOrEqual(3);
    expect((await intake.call('GET', '/audit?from=yesterday', undefined, AUDITOR)).status).toBe(400);
    const verification = await intake.call('GET', '/audit/verification', undefined, AUDITOR);
    expect(verification.body).toMatchObject({ valid: true });
    expect(verification.body['records']).toBeGreaterThanOrEqual(4);
  });

  it('detects a record edited in the database behind the service\'s back', async () => {
    const records = intake.service.context.connection.collection('audit_records');
    await records.updateOne({ seq: 2 }, { $set: { purpose: 'nothing to see' } });
    const verification = await intake.call('GET', '/audit/verification', undefined, AUDITOR);
    expect(verification.body).toMatchObject({ valid: false, firstBreak: { seq: 2, problem: 'edited' } });
  });
});
