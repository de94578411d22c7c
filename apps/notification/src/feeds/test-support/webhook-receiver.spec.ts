import { verifyStandardWebhook } from './webhook-receiver';

// The test vector published with the Standard Webhooks specification: the
// tests' own verifier must accept it and refuse any change.
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const headers = { 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'webhook-timestamp': '1614265330', 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' };
const body = '{"test": 2432232314}';

describe('verifyStandardWebhook (the tests’ receiver)', () => {
  it('accepts the specification’s vector, also among other signatures', () => {
    expect(verifyStandardWebhook(secret, headers, body, 1614265330)).toBe(true);
    expect(verifyStandardWebhook(secret, { ...headers, 'webhook-signature': `v1,AAAA ${headers['webhook-signature']}` }, body, 1614265330)).toBe(true);
  });

  it('refuses a changed body, a wrong secret, an old timestamp or a missing header', () => {
    expect(verifyStandardWebhook(secret, headers, '{"test": 2432232315}', 1614265330)).toBe(false);
    expect(verifyStandardWebhook('whsec_c2VjcmV0LW9mLWFub3RoZXI=', headers, body, 1614265330)).toBe(false);
    expect(verifyStandardWebhook(secret, headers, body, 1614265330 + 301)).toBe(false);
    const { 'webhook-id': _id, ...withoutId } = headers;
    expect(verifyStandardWebhook(secret, withoutId, body, 1614265330)).toBe(false);
  });
});
