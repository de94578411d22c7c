import { randomUUID } from 'node:crypto';
import { CaseClearedV1, LegalFileOpenedV1 } from '@homeward/contracts';
import { expectEventually, uniqueName } from '@homeward/testing';
import { FeedsHarness } from '../test-support/feeds.harness';
import { WebhookReceiver } from '../test-support/webhook-receiver';

const child = (given: string, family: string) => ({ names: [{ given, family, script: 'latin' as const }], birthDate: '2016-05-20' });

/**
 * Webhook delivery against a real HTTP endpoint that verifies every
 * signature itself: failures are retried, the subscription is paused after
 * three in a row (the harness's limit), and a resume delivers what waited,
 * in cursor order.
 */
describe('feeds: webhook delivery', () => {
  const programmeId = 'feeds-webhook-test';
  let h: FeedsHarness;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    [h, receiver] = await Promise.all([FeedsHarness.start(uniqueName('feeds-webhook')), WebhookReceiver.start()]);
  });

  afterAll(async () => {
    await Promise.all([h.stop(), receiver.stop()]);
  });

  it('signs every delivery, retries failures, pauses, and on resume delivers the rest in order', async () => {
    const { id, secret } = await h.subscribe({
      agency: 'iq-red-crescent-test',
      eventTypes: ['case.registered.v1', 'legal-file.opened.v1', 'case.cleared.v1'],
      programmes: [programmeId],
      personalData: 'none',
      delivery: { kind: 'webhook', url: receiver.url },
    });
    receiver.secret = secret!;
    await h.createProgramme(programmeId);
    const first = await h.registerChild(programmeId, child('Webhookia', 'Firstova'));

    await expectEventually(() => expect(receiver.accepted()).toHaveLength(1), { timeoutMs: 60_000 });
    const [delivered] = receiver.received;
    expect(delivered!.verified).toBe(true);
    expect(delivered!.headers['content-type']).toBe('application/json');
    expect(delivered!.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}_1$/);
    expect(JSON.parse(delivered!.body)).toMatchObject({ type: 'case.registered.v1', subscriptionId: id, cursor: '1', data: { programmeId, destinationState: 'RU', case: { sex: 'female', stage: 'registered', ageBand: '5-11' } } });

    receiver.status = 503;
    await h.produce(LegalFileOpenedV1, { caseId: first, openedAt: new Date().toISOString(), requirements: ['nationality-verified'] });
    await expectEventually(async () => expect((await h.api('GET', `/subscriptions/${id}`)).body).toMatchObject({ status: 'paused', pausedCause: 'delivery-failures' }), { timeoutMs: 60_000 });
    const failed = receiver.received.slice(1);
    expect(failed.map((r) => r.answered)).toEqual([503, 503, 503]);
    expect(new Set(failed.map((r) => r.headers['webhook-id']))).toEqual(new Set([failed[0]!.headers['webhook-id']]));
    expect(failed.every((r) => r.verified)).toBe(true);

    const log = await h.api('GET', `/subscriptions/${id}/deliveries`);
    expect(log.body).toMatchObject({ deliveredThrough: '1', consecutiveFailures: 3 });
    expect((log.body['attempts'] as Array<Record<string, unknown>>).map((a) => [a['cursor'], a['attempt'], a['outcome'], a['statusCode']])).toEqual([
      ['1', 1, 'delivered', 200],
      ['2', 1, 'failed', 503],
      ['2', 2, 'failed', 503],
      ['2', 3, 'failed', 503],
    ]);
    await expectEventually(() =>
      expect(h.published.filter((e) => e.subject === id).map((e) => [e.type, (e.data as { cause?: string }).cause])).toEqual([['subscription.paused.v1', 'delivery-failures']]),
    );

    // While paused, the feed keeps recording; nothing is pushed.
    const second = await h.registerChild(programmeId, child('Webhookius', 'Secondov'));
    await h.produce(CaseClearedV1, { caseId: second, programmeId, destinationState: 'RU', clearedAt: new Date().toISOString(), approvedBy: ['legal-officer-test', 'supervisor-test'] });
    await expectEventually(async () => expect((await h.feed(id)).body['items']).toHaveLength(4));
    expect(receiver.received).toHaveLength(4);

    receiver.status = 200;
    const resumed = await h.api('POST', `/subscriptions/${id}/resume`);
    expect(resumed.body).toMatchObject({ status: 'active' });
    await expectEventually(() => expect(receiver.accepted()).toHaveLength(4), { timeoutMs: 60_000 });
    const accepted = receiver.accepted();
    expect(accepted.map((b) => [b['cursor'], b['type']])).toEqual([
      ['1', 'case.registered.v1'],
      ['2', 'legal-file.opened.v1'],
      ['3', 'case.registered.v1'],
      ['4', 'case.cleared.v1'],
    ]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(receiver.received[4]!.headers['webhook-id']).toBe(failed[0]!.headers['webhook-id']);
    expect((await h.api('GET', `/subscriptions/${id}/deliveries`)).body).toMatchObject({ deliveredThrough: '4', consecutiveFailures: 0 });
    await expectEventually(() => expect(h.published.filter((e) => e.subject === id).map((e) => e.type)).toEqual(['subscription.paused.v1', 'subscription.resumed.v1']));
  });

  it('rotates the secret without losing the cursor: both secrets sign during the overlap, then only the new one', async () => {
    const rotating = 'feeds-webhook-rotation';
    const { id, secret: first } = await h.subscribe({
      agency: 'iq-red-crescent-test',
      eventTypes: ['case.registered.v1', 'legal-file.opened.v1'],
      programmes: [rotating],
      personalData: 'none',
      delivery: { kind: 'webhook', url: receiver.url },
    });
    receiver.status = 200;
    receiver.secret = first!;
    await h.createProgramme(rotating);
    const caseId = await h.registerChild(rotating, child('Rotatia', 'Firstova'));
    const mine = () => receiver.received.filter((r) => (JSON.parse(r.body) as { subscriptionId: string }).subscriptionId === id);
    await expectEventually(() => expect(mine()).toHaveLength(1), { timeoutMs: 60_000 });

    const rotated = await h.api('POST', `/subscriptions/${id}/secret-rotation`, { overlapMs: 3_600_000 });
    expect(rotated.status).toBe(200);
    const second = rotated.body['webhookSecret'] as string;
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(first);
    expect(rotated.body).toMatchObject({ subscriptionId: id, version: 2, previousSecretSignsUntil: expect.any(String) });
    expect((await h.api('GET', `/subscriptions/${id}`)).text).not.toContain(second.slice(6));
    expect((await h.api('GET', `/subscriptions/${id}/deliveries`)).body).toMatchObject({ deliveredThrough: '1' });

    await h.produce(LegalFileOpenedV1, { caseId, openedAt: new Date().toISOString(), requirements: ['nationality-verified'] });
    await expectEventually(() => expect(mine()).toHaveLength(2), { timeoutMs: 60_000 });
    const during = mine()[1]!;
    expect(JSON.parse(during.body)).toMatchObject({ cursor: '2', type: 'legal-file.opened.v1' });
    expect(during.headers['webhook-signature']!.toString().split(' ')).toHaveLength(2);
    expect([receiver.verifies(during, first!), receiver.verifies(during, second)]).toEqual([true, true]);

    // Ending the overlap at once: only the newest secret signs.
    const third = (await h.api('POST', `/subscriptions/${id}/secret-rotation`, { overlapMs: 0 })).body['webhookSecret'] as string;
    await h.produce(LegalFileOpenedV1, { caseId, openedAt: new Date().toISOString(), requirements: ['exit-clearance'] });
    await expectEventually(() => expect(mine()).toHaveLength(3), { timeoutMs: 60_000 });
    const after = mine()[2]!;
    expect(JSON.parse(after.body)).toMatchObject({ cursor: '3' });
    expect([receiver.verifies(after, first!), receiver.verifies(after, second), receiver.verifies(after, third)]).toEqual([false, false, true]);
    expect((await h.api('GET', `/subscriptions/${id}/deliveries`)).body).toMatchObject({ deliveredThrough: '3', consecutiveFailures: 0 });
  });

  it('answers 404 for the delivery log of an unknown subscription', async () => {
    expect((await h.api('GET', `/subscriptions/${randomUUID()}/deliveries`)).status).toBe(404);
  });
});
