import { randomUUID } from 'node:crypto';
import { CaseHoldLiftedV1, CaseHoldPlacedV1 } from '@homeward/contracts';
import { DATA_KEYS_COLLECTION } from '@homeward/privacy';
import { expectEventually, uniqueName } from '@homeward/testing';
import { ENTITLED_AGENCY, FeedsHarness } from '../test-support/feeds.harness';
import { WebhookReceiver } from '../test-support/webhook-receiver';

const NAMES = [
  { given: 'Вейлана', family: 'Запечатова', script: 'cyrillic' as const },
  { given: 'Veilana', family: 'Zapechatova', script: 'latin' as const },
];
const BIRTH_DATE = '2013-04-29';
const NEEDLES = ['Вейлана', 'Запечатова', 'Veilana', 'Zapechatova', BIRTH_DATE, 'guardiana.feeds@example.org', 'Feeds Test Camp'];
const TYPES = ['case.registered.v1', 'case.hold-placed.v1', 'case.hold-lifted.v1'];

type Item = { cursor: string; type: string; data: Record<string, unknown>; erased?: true };

/**
 * DESIGN "Privacy and security" for the feeds' own storage: a `full`
 * subscription's entries rest sealed with the child's key, and the
 * subscriptions' webhook secrets and pseudonym keys sealed with a key of
 * their own; once the child is erased, the pull feed and the webhook show
 * its entries as erased instead of failing.
 */
describe('feeds at rest', () => {
  let h: FeedsHarness;
  let receiver: WebhookReceiver;
  let pull: string;
  let hook: { id: string; secret?: string };
  let caseId: string;
  const items = async () => (await h.feed(pull)).body['items'] as Item[];
  const everyDocument = async () => {
    const db = h.service.context.connection.db!;
    const all: string[] = [];
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      for (const document of await db.collection(name).find({}).toArray()) all.push(`${name}: ${JSON.stringify(document)}`);
    }
    return all;
  };

  beforeAll(async () => {
    [h, receiver] = await Promise.all([FeedsHarness.start(uniqueName('feeds-at-rest')), WebhookReceiver.start()]);
    // The endpoint fails at first: the entries wait, and after three failures the subscription pauses.
    receiver.status = 503;
    hook = await h.subscribe({ agency: ENTITLED_AGENCY, eventTypes: TYPES, personalData: 'full', delivery: { kind: 'webhook', url: receiver.url } });
    receiver.secret = hook.secret!;
    pull = (await h.subscribe({ agency: ENTITLED_AGENCY, eventTypes: TYPES, personalData: 'full', delivery: { kind: 'pull' } })).id;
    await h.createProgramme('feeds-at-rest');
    caseId = await h.registerChild('feeds-at-rest', { names: NAMES, birthDate: BIRTH_DATE });
    // A free-text reason outside the personal part names the child too: the whole entry is sealed.
    await h.produce(CaseHoldPlacedV1, { caseId, holdId: randomUUID(), category: 'medical', reason: 'Veilana Zapechatova awaits an assessment', placedBy: 'legal-officer-test', placedAt: new Date().toISOString() });
  });

  afterAll(async () => {
    await Promise.all([h.stop(), receiver.stop()]);
  });

  it('stores a full subscription’s entries sealed with the child’s key, and serves them in plain to the entitled agency', async () => {
    const served = await expectEventually(async () => {
      const now = await items();
      expect(now.map((i) => i.type)).toEqual(['case.registered.v1', 'case.hold-placed.v1']);
      return now;
    }, { timeoutMs: 60_000 });
    expect(JSON.stringify(served)).toContain('Zapechatova');
    const stored = await h.service.context.connection.collection('feed_entries').find({ subscriptionId: pull }).toArray();
    expect(stored.map((e) => ({ sealedFor: e['sealedFor'], sealed: e['data']?._sealed }))).toEqual([
      { sealedFor: caseId, sealed: 'aes-256-gcm.v1' },
      { sealedFor: caseId, sealed: 'aes-256-gcm.v1' },
    ]);
    const leaks = (await everyDocument()).flatMap((document) => NEEDLES.filter((n) => document.includes(n)).map((n) => `${document.slice(0, 40)}…: ${n}`));
    expect(leaks).toEqual([]);
  });

  it('keeps webhook secrets and pseudonym keys sealed in the subscriptions’ documents and outbox', async () => {
    const documents = await everyDocument();
    expect(documents.filter((d) => d.includes(hook.secret!.slice('whsec_'.length)))).toEqual([]);
    const state = await h.service.context.connection.collection('feed_subscriptions').findOne({ _id: hook.id as never });
    expect(state).toMatchObject({ webhookSecret: { _sealed: 'aes-256-gcm.v1' }, pseudonymKey: { _sealed: 'aes-256-gcm.v1' } });
    // One document holds the subscription's state (and, until the relay took them, its events).
    const stored = documents.filter((d) => d.includes(hook.id) && d.includes('"webhookUrl"'));
    expect(stored).toHaveLength(1);
    expect(stored.every((d) => /"pseudonymKey":\{"_sealed"/.test(d))).toBe(true);
  });

  it('shows the entries of an erased child as erased, by pull and by webhook, and seals nothing new for it', async () => {
    await expectEventually(async () => expect((await h.api('GET', `/subscriptions/${hook.id}`)).body['status']).toBe('paused'), { timeoutMs: 60_000 });
    await h.service.context.privacy.erase(caseId);
    await h.produce(CaseHoldLiftedV1, { caseId, holdId: randomUUID(), liftedBy: 'supervisor-test', liftedAt: new Date().toISOString() });

    const pulled = await expectEventually(async () => {
      const page = await h.feed(pull);
      expect(page.status).toBe(200);
      const now = page.body['items'] as Item[];
      expect(now).toHaveLength(3);
      return now;
    }, { timeoutMs: 60_000 });
    expect(pulled.map((i) => ({ type: i.type, erased: i.erased, data: i.data }))).toEqual(TYPES.map((type) => ({ type, erased: true, data: { caseId } })));

    // The secret opens from its sealed state: the deliveries are signed with it and verify.
    receiver.status = 200;
    expect((await h.api('POST', `/subscriptions/${hook.id}/resume`)).status).toBe(200);
    const delivered = await expectEventually(() => {
      const accepted = receiver.accepted();
      expect(accepted).toHaveLength(3);
      return accepted;
    }, { timeoutMs: 60_000 });
    expect(delivered.map((b) => ({ type: b['type'], erased: b['erased'], data: b['data'] }))).toEqual(TYPES.map((type) => ({ type, erased: true, data: { caseId } })));
    expect(receiver.received.filter((r) => r.answered === 200).every((r) => r.verified)).toBe(true);
  });

  it('shreds the subscription’s own key when it is deleted', async () => {
    expect((await h.api('DELETE', `/subscriptions/${hook.id}`)).status).toBe(204);
    const { connection, privacy } = h.service.context;
    const key = await connection.useDb(privacy.vault.databaseName).collection(DATA_KEYS_COLLECTION).findOne({ _id: hook.id as never });
    expect(key).toMatchObject({ erasedAt: expect.any(Date) });
    expect(key).not.toHaveProperty('wrapped');
  });
});
