import { randomUUID } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { testServers, uniqueName } from '@homeward/testing';
import { hashOf, type AuditEntry } from './audit-record';
import { AUDIT_COLLECTION, AuditTrail } from './audit-trail';

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  actor: { userId: 'case-worker-1', roles: ['case-worker'], agency: 'ru-ombudsperson' },
  action: 'read',
  operation: 'GET /cases/:caseId',
  permission: 'case:read',
  caseId: randomUUID(),
  fields: ['personal.names'],
  purpose: 'checking the family',
  status: 200,
  requestId: randomUUID(),
  at: new Date().toISOString(),
  ...overrides,
});

/** The chain on the real MongoDB-wire server: concurrent writers, and tampering detected. */
describe('the audit trail', () => {
  const dbName = uniqueName('audit').replaceAll('-', '_');
  let first: Connection;
  let second: Connection;

  beforeAll(async () => {
    first = await mongoose.createConnection(testServers.mongoUrl, { dbName, retryWrites: false }).asPromise();
    second = await mongoose.createConnection(testServers.mongoUrl, { dbName, retryWrites: false }).asPromise();
    await AuditTrail.of(first).prepare();
  });
  afterAll(async () => {
    await first.dropDatabase();
    await Promise.all([first.close(), second.close()]);
  });

  it('keeps one unbroken chain when two replicas append at once', async () => {
    const a = AuditTrail.of(first);
    const b = AuditTrail.of(second);
    const written = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b).append(entry({ requestId: `r-${i}` }))));
    expect(written.map((r) => r.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(await a.verify()).toMatchObject({ valid: true, records: 24 });
  });

  it('continues the chain where it ends when a service starts again, whatever its length', async () => {
    // 24 records from the test above, plus enough to make the end an odd number between powers of two.
    const before = AuditTrail.of(first);
    for (let i = 0; i < 13; i += 1) await before.append(entry({ requestId: `before-${i}` }));
    const restarted = AuditTrail.of(second);
    const record = await restarted.append(entry({ requestId: 'after-restart' }));
    const lastBefore = await first.collection(AUDIT_COLLECTION).findOne({ seq: 37 });
    expect({ seq: record.seq, prevHash: record.prevHash }).toEqual({ seq: 38, prevHash: lastBefore?.['hash'] });
    // The first instance's remembered head is behind now: it walks forward instead of forking the chain.
    expect((await before.append(entry({ requestId: 'after-other' }))).seq).toBe(39);
    expect(await restarted.verify()).toMatchObject({ valid: true, records: 39 });
  });

  it('finds records by case, actor and time', async () => {
    const trail = AuditTrail.of(first);
    const caseId = randomUUID();
    await trail.append(entry({ caseId, actor: { userId: 'auditee-1', roles: ['legal-officer'], agency: 'a' }, at: '2026-01-01T10:00:00.000Z' }));
    await trail.append(entry({ caseId, actor: { userId: 'auditee-2', roles: ['case-worker'], agency: 'a' }, at: '2026-01-02T10:00:00.000Z' }));
    expect((await trail.query({ caseId })).map((r) => r.actor.userId)).toEqual(['auditee-1', 'auditee-2']);
    expect((await trail.query({ caseId, actor: 'auditee-2' })).map((r) => r.at)).toEqual(['2026-01-02T10:00:00.000Z']);
    expect((await trail.query({ caseId, from: new Date('2026-01-01T12:00:00Z'), to: new Date('2026-01-03T00:00:00Z') })).map((r) => r.actor.userId)).toEqual(['auditee-2']);
  });

  it('detects an edited record, a re-hashed one, and a deleted one', async () => {
    const trail = AuditTrail.of(first);
    const records = first.collection(AUDIT_COLLECTION);
    expect((await trail.verify()).valid).toBe(true);
    await records.updateOne({ seq: 5 }, { $set: { 'actor.userId': 'someone-else' } });
    expect(await trail.verify()).toMatchObject({ valid: false, firstBreak: { seq: 5, problem: 'edited' } });
    // Re-hashing the edited record does not help: the next one still names the old hash.
    const { _id: _ignored, hash: _old, ...edited } = (await records.findOne({ seq: 5 }))!;
    await records.updateOne({ seq: 5 }, { $set: { hash: hashOf(edited as never) } });
    expect(await trail.verify()).toMatchObject({ valid: false, firstBreak: { seq: 6, problem: 'unlinked' } });
    await records.deleteOne({ seq: 5 });
    expect(await trail.verify()).toMatchObject({ valid: false, firstBreak: { seq: 6, problem: 'missing-before' } });
  });

  it('stores each record under its zero-padded sequence number, in order, and a restarted trail continues from its head', async () => {
    const records = first.collection(AUDIT_COLLECTION);
    const stored = await records.find({}, { projection: { _id: 1, seq: 1 } }).sort({ _id: 1 }).toArray();
    expect(stored.length).toBeGreaterThan(30);
    // (the test above deleted record 5)
    expect(stored.map((r) => r['seq'])).toEqual(Array.from({ length: stored.length + 1 }, (_v, i) => i + 1).filter((seq) => seq !== 5));
    expect(stored.map((r) => r._id)).toEqual(stored.map((r) => String(r['seq']).padStart(15, '0')));

    const restarted = AuditTrail.of(first);
    expect((await restarted.append(entry({ requestId: 'after-restart' }))).seq).toBe(Number(stored.at(-1)!['seq']) + 1);
  });

  it("answers an auditor's search by case from an index", async () => {
    const plan = JSON.stringify(await first.collection(AUDIT_COLLECTION).find({ caseId: 'case-1' }).sort({ seq: 1 }).explain('queryPlanner'));
    expect(plan).toMatch(/IXSCAN/);
    expect(plan).toMatch(/by_case/);
  });
});
