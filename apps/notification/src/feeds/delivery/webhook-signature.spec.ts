import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, webhookSignatureHeader } from './webhook-signature';

// The test vector published with the Standard Webhooks specification.
const vector = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: new Date(1614265330 * 1000),
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

const headersOf = (signature: string, timestamp = vector.timestamp) => ({
  'webhook-id': vector.id,
  'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
  'webhook-signature': signature,
});

describe('webhookSignatureHeader', () => {
  it('reproduces the specification’s test vector', () => {
    expect(webhookSignatureHeader([vector.secret], vector.id, vector.timestamp, vector.body)).toBe(vector.signature);
  });

  it('signs with every secret of a rotation’s overlap, each verifying on its own with the standardwebhooks package', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const now = new Date();
    const header = webhookSignatureHeader([current, previous], vector.id, now, vector.body);
    expect(header.split(' ')).toHaveLength(2);
    for (const secret of [current, previous]) expect(new Webhook(secret).verify(vector.body, headersOf(header, now), { jsonParse: false })).toBeUndefined();
    expect(() => new Webhook(newWebhookSecret()).verify(vector.body, headersOf(header, now))).toThrow('No matching signature found');
  });

  it('refuses to sign without a secret', () => {
    expect(() => webhookSignatureHeader([], vector.id, vector.timestamp, vector.body)).toThrow('at least one secret');
  });

  it('makes secrets of 32 random bytes in the whsec_ format', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});
