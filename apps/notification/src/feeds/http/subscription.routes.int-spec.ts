import { actingAs, expectEventually, uniqueName } from '@homeward/testing';
import { ADMIN, ENTITLED_AGENCY, FeedsHarness } from '../test-support/feeds.harness';

/** Subscriptions managed by an admin, against the real Kafka and MongoDB-wire server. */
describe('feeds: subscriptions', () => {
  let h: FeedsHarness;
  const webhook = { kind: 'webhook', url: 'https://agency.example.org/homeward' };

  beforeAll(async () => {
    h = await FeedsHarness.start(uniqueName('feeds-subscriptions'));
  });

  afterAll(async () => {
    await h.stop();
  });

  it('creates, reads, lists, updates, pauses, resumes and deletes a subscription', async () => {
    const created = await h.api('POST', '/subscriptions', {
      agency: 'iq-red-crescent-test',
      eventTypes: ['case.cleared.v1', 'case.handed-over.v1'],
      programmes: ['iq-ru-2019'],
      personalData: 'none',
      delivery: webhook,
    });
    expect(created.status).toBe(201);
    const id = created.body['subscriptionId'] as string;
    expect(created.body).toMatchObject({ agency: 'iq-red-crescent-test', status: 'active', destinationStates: [], delivery: webhook, createdBy: 'admin-test', version: 1 });
    const secret = created.body['webhookSecret'] as string;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);

    const read = await h.api('GET', `/subscriptions/${id}`);
    expect(read.status).toBe(200);
    expect(read.text).not.toContain(secret.slice(6));
    expect(read.body).not.toHaveProperty('webhookSecret');
    expect(read.body).not.toHaveProperty('pseudonymKey');

    const updated = await h.api('PATCH', `/subscriptions/${id}`, { destinationStates: ['RU'], eventTypes: ['case.cleared.v1'] });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ destinationStates: ['RU'], eventTypes: ['case.cleared.v1'], programmes: ['iq-ru-2019'], version: 2 });

    const paused = await h.api('POST', `/subscriptions/${id}/pause`);
    expect(paused.body).toMatchObject({ status: 'paused', pausedCause: 'admin' });
    expect((await h.api('POST', `/subscriptions/${id}/pause`)).status).toBe(409);
    expect((await h.api('GET', '/subscriptions?status=paused')).body['subscriptions']).toEqual([expect.objectContaining({ subscriptionId: id })]);
    const resumed = await h.api('POST', `/subscriptions/${id}/resume`);
    expect(resumed.body).toMatchObject({ status: 'active' });
    expect(resumed.body).not.toHaveProperty('pausedCause');

    const pull = await h.subscribe({ agency: ENTITLED_AGENCY, eventTypes: ['case.registered.v1'], personalData: 'full', delivery: { kind: 'pull' } });
    expect(pull.secret).toBeUndefined();
    const listed = await h.api('GET', '/subscriptions');
    expect((listed.body['subscriptions'] as Array<{ subscriptionId: string }>).map((s) => s.subscriptionId)).toEqual([id, pull.id]);
    expect((await h.api('GET', `/subscriptions?agency=${ENTITLED_AGENCY}`)).body['subscriptions']).toEqual([expect.objectContaining({ subscriptionId: pull.id, personalData: 'full', delivery: { kind: 'pull' } })]);

    expect((await h.api('DELETE', `/subscriptions/${id}`)).status).toBe(204);
    expect((await h.api('GET', `/subscriptions/${id}`)).status).toBe(404);
    expect((await h.api('DELETE', `/subscriptions/${id}`)).status).toBe(404);
    expect((await h.api('GET', '/subscriptions')).body['subscriptions']).toEqual([expect.objectContaining({ subscriptionId: pull.id })]);

    const types = () => h.published.filter((e) => e.subject === id).map((e) => e.type);
    await expectEventually(() => expect(types()).toEqual(['subscription.paused.v1', 'subscription.resumed.v1']));
    expect(h.published.find((e) => e.type === 'subscription.paused.v1')?.data).toMatchObject({ subscriptionId: id, cause: 'admin', agency: 'iq-red-crescent-test' });
  });

  it('refuses bad input with a problem naming the field or the rule, and changes nothing', async () => {
    const target = await h.subscribe({ agency: 'press-office-test', eventTypes: ['case.cleared.v1'], personalData: 'none', delivery: { kind: 'pull' } });
    const before = (await h.api('GET', '/subscriptions')).body;
    const valid = { agency: 'press-office-test', eventTypes: ['case.cleared.v1'], personalData: 'none', delivery: { kind: 'pull' } };

    const refusals: Array<[string, string, unknown, number, RegExp, Record<string, string>?]> = [
      ['POST', '/subscriptions', { ...valid, eventTypes: ['case.invented.v1'] }, 400, /\/eventTypes\/0/],
      ['POST', '/subscriptions', { ...valid, eventTypes: [] }, 400, /\/eventTypes/],
      ['POST', '/subscriptions', { ...valid, eventTypes: ['subscription.paused.v1'] }, 400, /\/eventTypes\/0/],
      ['POST', '/subscriptions', { ...valid, personalData: 'some' }, 400, /\/personalData/],
      ['POST', '/subscriptions', { ...valid, agency: 'Not A Slug' }, 400, /\/agency/],
      ['POST', '/subscriptions', { ...valid, destinationStates: ['Russia'] }, 400, /\/destinationStates\/0/],
      ['POST', '/subscriptions', { ...valid, delivery: { kind: 'webhook', url: 'ftp://agency.example.org/x' } }, 400, /\/delivery\/url/],
      ['POST', '/subscriptions', { ...valid, delivery: { kind: 'email' } }, 400, /\/delivery/],
      ['POST', '/subscriptions', { ...valid, secret: 'mine' }, 400, /secret/],
      ['POST', '/subscriptions', { ...valid, personalData: 'full' }, 422, /full-data-entitlement/],
      ['POST', '/subscriptions', valid, 403, /admin/, actingAs('case-worker-test', ['case-worker'])],
      ['POST', '/subscriptions', valid, 401, /bearer token/i, {}],
      ['PATCH', `/subscriptions/${target.id}`, { personalData: 'full' }, 422, /full-data-entitlement/],
      ['PATCH', `/subscriptions/${target.id}`, { webhookUrl: 'https://agency.example.org/x' }, 422, /webhook-url-needs-webhook-delivery/],
      ['PATCH', `/subscriptions/${target.id}`, {}, 400, /at least one field/],
      ['PATCH', `/subscriptions/${target.id}`, { eventTypes: ['case.cleared.v1', 'case.cleared.v1'] }, 400, /\/eventTypes/],
      ['PATCH', '/subscriptions/00000000-0000-4000-8000-00000000abcd', { programmes: [] }, 404, /does not exist/],
      ['GET', '/subscriptions/not-a-uuid', undefined, 400, /params\.subscriptionId/],
      ['GET', '/subscriptions', undefined, 403, /admin/, actingAs('observer-test', ['agency-observer'])],
      ['POST', `/subscriptions/${target.id}/resume`, undefined, 409, /not paused/],
      ['DELETE', `/subscriptions/${target.id}`, undefined, 403, /admin/, actingAs('auditor-test', ['auditor'])],
    ];
    for (const [method, path, body, status, detail, headers] of refusals) {
      const res = await h.api(method, path, body, headers ?? ADMIN);
      expect({ method, path, body, status: res.status, mentions: detail.test(res.text) }).toEqual({ method, path, body, status, mentions: true });
    }
    expect((await h.api('GET', '/subscriptions')).body).toEqual(before);
    expect((await h.api('GET', `/subscriptions/${target.id}`)).body).toMatchObject({ version: 1, personalData: 'none', status: 'active' });
  });

  it('documents the feeds in the service’s one OpenAPI document, beside the e-mail deliveries', async () => {
    const doc = (await h.api('GET', '/openapi.json')).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/cases/{caseId}/deliveries', '/subscriptions', '/subscriptions/{subscriptionId}/deliveries', '/feeds/{subscriptionId}/events']),
    );
  });
});
