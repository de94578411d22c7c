import { GRANTS, holds, ROLES, type Permission, type Role } from '@homeward/auth';
import { actingAs, declaredOperations, probe, serviceNames, testServers } from '@homeward/testing';
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
  });
});
