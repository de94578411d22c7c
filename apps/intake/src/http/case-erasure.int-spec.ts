import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { CaseHandedOverV1, LegalFileOpenedV1 } from '@homeward/contracts';
import { DATA_KEYS_COLLECTION } from '@homeward/privacy';
import * as testing from '@homeward/testing';
import { actingAs } from '@homeward/testing';
import { registerCaseModel } from '../store/case.model';
import { caseBody, IntakeUnderTest, programmeBody, SUPERVISOR } from './case-api.test-kit';

const P = 'iq-ru-erasure';
const ADMIN_1 = actingAs('admin-1', ['admin']);
const ADMIN_2 = actingAs('admin-2', ['admin']);
const distinctive = (given: string) =>
  caseBody(P, { names: [{ given, family: 'Qadirova', script: 'latin' }], birthDate: { value: '2013-11-29', precision: 'day' } });

describe('erasure of a case, four eyes, crypto-shredding (real Kafka and MongoDB)', () => {
  const intake = new IntakeUnderTest(testing);
  const register = async (given: string) => {
    const registered = await intake.call('POST', '/cases', distinctive(given));
    expect(registered.status).toBe(201);
    return registered.body['caseId'] as string;
  };
  const storedText = async (caseId: string) => {
    const model = registerCaseModel(intake.service.context.connection) as unknown as Model<never>;
    return JSON.stringify(await model.collection.findOne({ _id: caseId } as never));
  };

  beforeAll(async () => {
    await intake.start();
    expect((await intake.call('POST', '/programmes', programmeBody(P), SUPERVISOR)).status).toBe(201);
  });
  afterAll(() => intake.stop());

  it('keeps the case sealed at rest and on Kafka while the API and the blind-index search show it plainly', async () => {
    const caseId = await register('Zuleikhanova');
    const text = await storedText(caseId);
    expect(text).not.toMatch(/Zuleikhanova|Qadirova|2013-11-29|Test Orphanage/);
    const found = await intake.call<{ items: Array<{ caseId: string }> }>('GET', '/cases?name=zuleikhanova%20QADIROVA');
    expect(found.body.items.map((c) => c.caseId)).toEqual([caseId]);
    expect((await intake.call('GET', `/cases?facility=${encodeURIComponent('test orphanage no. 1')}&name=Zuleikhanova`)).body['items']).toHaveLength(1);
    await testing.expectEventually(() => expect(intake.publishedOfType('case.registered.v2').some((e) => e.subject === caseId)).toBe(true));
    const registered = intake.publishedOfType('case.registered.v2').find((e) => e.subject === caseId)!;
    expect((registered.data as { personal: { names: Array<{ given: string }> } }).personal.names[0]!.given).toBe('Zuleikhanova');
  });

  it('shows a withdrawn case erased with its withdrawal but without the sealed reason, and keeps the reason shredded at rest', async () => {
    const caseId = await register('Withdrawnova');
    const withdrawn = await intake.call('POST', `/cases/${caseId}/withdrawal`, { reason: 'Withdrawnova found her uncle' });
    expect(withdrawn.status).toBe(200);
    expect((await intake.call('POST', `/cases/${caseId}/erasure`, { reason: 'Guardian’s request, ref. 2030/18' }, ADMIN_1)).status).toBe(202);
    expect((await intake.call('POST', `/cases/${caseId}/erasure/approval`, undefined, ADMIN_2)).status).toBe(200);

    const view = await intake.call('GET', `/cases/${caseId}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ caseId, stage: 'withdrawn', erased: true, withdrawal: { at: expect.any(String), by: 'case-worker-1' } });
    expect((view.body['withdrawal'] as Record<string, unknown>)['reason']).toBeUndefined();
    const listed = await intake.call<{ items: Array<Record<string, unknown>> }>('GET', '/cases?stage=withdrawn&limit=200');
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((c) => c['caseId'] === caseId)).toMatchObject({ erased: true, withdrawal: { by: 'case-worker-1' } });
    expect(await storedText(caseId)).not.toContain('found her uncle');
  });

  it('refuses a request without the admin role or a reason, and an approval by the requester, saying why', async () => {
    const caseId = await register('Refusalova');
    expect((await intake.call('POST', `/cases/${caseId}/erasure`, { reason: 'x' }, actingAs('worker-1', ['case-worker']))).status).toBe(403);
    const noReason = await intake.call('POST', `/cases/${caseId}/erasure`, {}, ADMIN_1);
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');
    const early = await intake.call('POST', `/cases/${caseId}/erasure/approval`, undefined, ADMIN_2);
    expect(early.status).toBe(409);
    expect((await intake.call('POST', `/cases/${caseId}/erasure`, { reason: 'Guardian’s request, ref. 2030/17' }, ADMIN_1)).status).toBe(202);
    expect((await intake.call('POST', `/cases/${caseId}/erasure`, { reason: 'again' }, ADMIN_2)).status).toBe(409);
    const self = await intake.call('POST', `/cases/${caseId}/erasure/approval`, undefined, ADMIN_1);
    expect(self.status).toBe(403);
    expect(self.body['detail']).toMatch(/admin-1 requested this erasure and cannot also approve it: a second, different admin must approve/);
    expect((await intake.call('GET', `/cases/${caseId}`)).body['personal']).toBeDefined();
  });

  it("deletes the child's key on a second admin's approval: the case shows as erased, is not found by name, and nothing stored opens", async () => {
    const caseId = await register('Shredderova');
    expect((await intake.call('POST', `/cases/${caseId}/erasure`, { reason: 'Court order 17/2030' }, ADMIN_1)).status).toBe(202);
    const approved = await intake.call('POST', `/cases/${caseId}/erasure/approval`, undefined, ADMIN_2);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'erased', requestedBy: 'admin-1', approvedBy: 'admin-2' });

    const view = await intake.call('GET', `/cases/${caseId}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ caseId, erased: true, erasure: { erasedAt: expect.any(String) } });
    expect(view.body['personal']).toBeUndefined();
    expect((await intake.call<{ items: unknown[] }>('GET', '/cases?name=Shredderova')).body.items).toEqual([]);
    const patch = await intake.call('PATCH', `/cases/${caseId}`, { placeOfBirth: 'Mosul' }, { ...ADMIN_1, 'if-match': `"${view.body['version']}"` });
    expect(patch.status).toBe(410);

    const privacyLayer = intake.service.context.privacy;
    const stored = await storedText(caseId);
    for (const key of ['t:shredderova', 't:qadirova']) expect(stored).not.toContain(privacyLayer.blind(key));
    const vault = intake.service.context.connection.useDb(intake.service.context.privacy.vault.databaseName).collection(DATA_KEYS_COLLECTION);
    expect(await vault.findOne({ _id: caseId } as never)).toMatchObject({ erasedAt: expect.any(Date) });
    expect((await vault.findOne({ _id: caseId } as never))?.['wrapped']).toBeUndefined();

    await testing.expectEventually(() => expect(intake.publishedOfType('case.erased.v1').map((e) => e.subject)).toContain(caseId));
    // Every event published about the child now opens to the erased marker only.
    const republished = intake.published.filter((e) => e.subject === caseId && (e.data as { personal?: unknown }).personal !== undefined);
    expect(republished.length).toBeGreaterThan(0);
    const privacy = intake.service.context.privacy;
    const document = (await registerCaseModel(intake.service.context.connection).collection.findOne({ _id: caseId } as never)) as unknown as Record<string, unknown>;
    expect(await privacy.open(caseId, 'personal', document['personal'])).toEqual({ erased: true });
    for (const event of (document['outbox'] ?? []) as Array<{ data: { personal?: unknown } }>) {
      if (event.data.personal) expect(await privacy.open(caseId, 'data.personal', event.data.personal)).toEqual({ erased: true });
    }
  });
});

describe('retention: ended cases erased by the scheduled job', () => {
  const intake = new IntakeUnderTest(testing, { CASE_RETENTION_MS: '0', RETENTION_SWEEP_MS: '200' });

  beforeAll(async () => {
    await intake.start();
    expect((await intake.call('POST', '/programmes', programmeBody(P), SUPERVISOR)).status).toBe(201);
  });
  afterAll(() => intake.stop());

  it('erases a closed case once its retention period is over, and leaves one that is still running', async () => {
    const closed = (await intake.call('POST', '/cases', distinctive('Retainova'))).body['caseId'] as string;
    const running = (await intake.call('POST', '/cases', distinctive('Runningova'))).body['caseId'] as string;
    await intake.produce(LegalFileOpenedV1, { caseId: running, openedAt: new Date().toISOString(), requirements: ['nationality-verified'] });
    await intake.produce(CaseHandedOverV1, {
      caseId: closed,
      movementId: randomUUID(),
      receiverKind: 'institution',
      personal: { name: 'Children’s Home No. 7', relationship: 'state care', receivingPerson: 'Duty Officer' },
      handedOverAt: new Date().toISOString(),
    });
    await testing.expectEventually(async () => expect((await intake.call('GET', `/cases/${closed}`)).body).toMatchObject({ stage: 'closed', erased: true }), { timeoutMs: 60_000 });
    const erased = await testing.expectEventually(() => {
      const event = intake.publishedOfType('case.erased.v1').find((e) => e.subject === closed);
      expect(event).toBeDefined();
      return event!;
    });
    expect(erased.data).toMatchObject({ basis: 'retention', requestedBy: 'retention-job' });
    const still = await intake.call('GET', `/cases/${running}`);
    expect(still.body['erased']).toBeUndefined();
    expect(still.body['stage']).toBe('in-legal-review');
  });
});
