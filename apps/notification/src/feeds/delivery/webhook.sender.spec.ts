import { newWebhookSecret } from './webhook-signature';
import { sendWebhook, type ResolveHost } from './webhook.sender';
import { WebhookReceiver } from '../test-support/webhook-receiver';

const development = { production: false };
const production = { production: true };
const resolvingTo =
  (address: string, family = 4): ResolveHost & { asked: string[] } => {
    const asked: string[] = [];
    return Object.assign(async (hostname: string) => {
      asked.push(hostname);
      return [{ address, family }];
    }, { asked });
  };

/**
 * The sender against a real HTTP endpoint on loopback. Addresses outside the
 * machine are only ever resolved (by a resolver the test gives), never
 * connected to: the refusal happens in the connection's own lookup.
 */
describe('sendWebhook', () => {
  let receiver: WebhookReceiver;
  const port = () => new URL(receiver.url).port;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterAll(() => receiver.stop());

  it('posts the body signed with every secret given, each verifying on its own', async () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const outcome = await sendWebhook({ url: receiver.url, secrets: [current, previous], id: 'msg_1', body: '{"a":1}', timeoutMs: 5_000, policy: development });
    expect(outcome).toMatchObject({ ok: true, statusCode: 200 });
    const received = receiver.received.at(-1)!;
    expect(received.body).toBe('{"a":1}');
    expect(receiver.verifies(received, current)).toBe(true);
    expect(receiver.verifies(received, previous)).toBe(true);
    expect(receiver.verifies(received, newWebhookSecret())).toBe(false);
  });

  it('connects to the address it checked: a name is resolved once, in the connection, and the checked address is used', async () => {
    const resolve = resolvingTo('127.0.0.1');
    const before = receiver.received.length;
    const outcome = await sendWebhook({ url: `http://receiver.test:${port()}/hooks`, secrets: [newWebhookSecret()], id: 'msg_2', body: '{}', timeoutMs: 5_000, policy: development, resolve });
    expect(outcome).toMatchObject({ ok: true, statusCode: 200 });
    expect(resolve.asked).toEqual(['receiver.test']);
    expect(receiver.received).toHaveLength(before + 1);
  });

  it.each([
    ['a private address', '10.0.0.7', 4],
    ['the metadata service', '169.254.169.254', 4],
    ['loopback', '127.0.0.1', 4],
    ['an IPv6 unique local address', 'fd00:ec2::254', 6],
  ])('in production refuses, without connecting, a name that now resolves to %s (DNS rebinding)', async (_what, address, family) => {
    const resolve = resolvingTo(address, family);
    const before = receiver.received.length;
    const outcome = await sendWebhook({ url: `https://hooks.agency.example:${port()}/homeward`, secrets: [newWebhookSecret()], id: 'msg_3', body: '{}', timeoutMs: 5_000, policy: production, resolve });
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toContain(`resolves to ${address}`);
    expect(outcome.statusCode).toBeUndefined();
    expect(receiver.received).toHaveLength(before);
  });

  it('in production refuses an internal address written in the URL itself, and plain http to any host', async () => {
    const before = receiver.received.length;
    const literal = await sendWebhook({ url: `https://127.0.0.1:${port()}/hooks`, secrets: [newWebhookSecret()], id: 'msg_4', body: '{}', timeoutMs: 5_000, policy: production });
    expect(literal).toMatchObject({ ok: false, error: expect.stringContaining('resolves to 127.0.0.1') });
    const plain = await sendWebhook({ url: receiver.url, secrets: [newWebhookSecret()], id: 'msg_5', body: '{}', timeoutMs: 5_000, policy: production });
    expect(plain).toMatchObject({ ok: false, error: expect.stringContaining('plain http') });
    expect(receiver.received).toHaveLength(before);
  });

  it('in development sends plain http only to loopback', async () => {
    const outcome = await sendWebhook({ url: `http://hooks.agency.example:${port()}/`, secrets: [newWebhookSecret()], id: 'msg_6', body: '{}', timeoutMs: 5_000, policy: development, resolve: resolvingTo('192.168.1.20') });
    expect(outcome).toMatchObject({ ok: false, error: expect.stringContaining('only to a loopback address') });
  });

  it('reports a non-2xx answer as a failure with its status', async () => {
    receiver.status = 503;
    try {
      expect(await sendWebhook({ url: receiver.url, secrets: [newWebhookSecret()], id: 'msg_7', body: '{}', timeoutMs: 5_000, policy: development })).toMatchObject({ ok: false, statusCode: 503, error: 'endpoint answered 503' });
    } finally {
      receiver.status = 200;
    }
  });
});
