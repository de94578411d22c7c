import { newWebhookSecret, webhookSignature } from './webhook-signature';

// The test vector published with the Standard Webhooks specification.
const vector = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('webhookSignature', () => {
  it('reproduces the specification’s test vector', () => {
    expect(webhookSignature(vector.secret, vector.id, vector.timestamp, vector.body)).toBe(vector.signature);
  });

  it('changes with the body, the id and the timestamp', () => {
    expect(webhookSignature(vector.secret, vector.id, vector.timestamp, '{"test": 2432232315}')).not.toBe(vector.signature);
    expect(webhookSignature(vector.secret, 'msg_other', vector.timestamp, vector.body)).not.toBe(vector.signature);
    expect(webhookSignature(vector.secret, vector.id, vector.timestamp + 1, vector.body)).not.toBe(vector.signature);
  });

  it('makes secrets of 32 random bytes in the whsec_ format', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});
