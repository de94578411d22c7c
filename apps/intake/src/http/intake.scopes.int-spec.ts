import { GRANTS, ROLES, holds, type Permission, type Role } from '@homeward/auth';
import * as testing from '@homeward/testing';
import { actingAs, declaredOperations, probe, TEST_AGENCY, type DeclaredOperation } from '@homeward/testing';
import { caseBody, IntakeUnderTest, programmeBody, SUPERVISOR } from './case-api.test-kit';

const P = 'iq-ru-2019';
const as = (role: Role) => ({ ...actingAs(`probe-${role}`, [role], `agency-of-${role}`), 'content-type': 'application/json' });

/**
 * Intake's policy, table-driven: every endpoint × every role is allowed or
 * refused with 403 naming the permission, as libs/auth GRANTS declare; the
 * personal fields of a case are redacted per role; every access is audited.
 */
describe('intake: who may call what, and see which fields', () => {
  const intake = new IntakeUnderTest(testing);
  let operations: DeclaredOperation[];
  let caseId: string;

  beforeAll(async () => {
    await intake.start();
    // Every probing role's agency takes part: this table is about roles and fields; agencies have their own.
    const participatingAgencies = [TEST_AGENCY, ...ROLES.map((role) => `agency-of-${role}`)];
    expect((await intake.call('POST', '/programmes', programmeBody(P, { participatingAgencies }), SUPERVISOR)).status).toBe(201);
    const registered = await intake.call('POST', '/cases', caseBody(P, { medicalNeeds: 'asthma', placeOfBirth: 'Mosul', claimedNationalities: ['RU'], mother: { status: 'convicted', location: 'Baghdad' } }));
    expect(registered.status).toBe(201);
    caseId = registered.body['caseId'] as string;
    operations = await declaredOperations(intake.base);
  });
  afterAll(() => intake.stop());

  it('declares a permission on every operation', () => {
    expect(operations.length).toBeGreaterThan(15);
    expect(operations.filter((o) => !(o.permission in GRANTS)).map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it('refuses exactly the roles without the permission, with 403 naming it, before reading anything', async () => {
    const seen: string[] = [];
    const expected: string[] = [];
    for (const operation of operations) {
      for (const role of ROLES) {
        const answer = await probe(intake.base, operation, { headers: as(role), body: '{}' });
        const row = `${operation.method} ${operation.path} as ${role}`;
        seen.push(`${row}: ${answer.status === 403 ? `403 ${String(answer.body['permission'])}` : 'allowed'}`);
        expected.push(`${row}: ${holds([role], operation.permission as Permission) ? 'allowed' : `403 ${operation.permission}`}`);
      }
    }
    expect(seen).toEqual(expected);
    // The policy as DESIGN.md states it, pinned: observers and auditors see no case.
    expect(seen).toEqual(expect.arrayContaining([
      'GET /cases/{caseId} as agency-observer: 403 case:read',
      'GET /cases/{caseId} as auditor: 403 case:read',
      'GET /cases/{caseId} as logistics-officer: allowed',
      'POST /programmes as case-worker: 403 programme:write',
      'POST /cases as logistics-officer: 403 case:write',
    ]));
  });

  const PERSONAL = ['personal.birthDate', 'personal.guardians', 'personal.medicalNeeds', 'personal.mother', 'personal.names', 'personal.placeOfBirth'];
  it.each<[Role, string[]]>([
    ['case-worker', []],
    ['supervisor', []],
    ['admin', []],
    ['legal-officer', ['personal.medicalNeeds']],
    ['screening-officer', ['personal.guardians', 'personal.medicalNeeds']],
    // Names, birth dates and medical needs for the flight; not the parents' legal status.
    ['logistics-officer', ['personal.mother', 'personal.placeOfBirth']],
  ])('shows a %s the case without %j', async (role, hidden) => {
    const one = await probe(intake.base, { method: 'GET', path: `/cases/${caseId}`, permission: 'case:read' }, { headers: as(role) });
    expect(one.status).toBe(200);
    const personal = Object.keys(one.body['personal'] as object).map((k) => `personal.${k}`);
    expect(PERSONAL.filter((f) => !personal.includes(f))).toEqual(hidden);
    const listed = await probe(intake.base, { method: 'GET', path: `/cases?programmeId=${P}`, permission: 'case:read' }, { headers: as(role) });
    const items = listed.body['items'] as Array<{ caseId: string; personal: object }>;
    const mine = items.find((item) => item.caseId === caseId)!;
    expect(PERSONAL.filter((f) => !Object.keys(mine.personal).map((k) => `personal.${k}`).includes(f))).toEqual(hidden);
  });
});
