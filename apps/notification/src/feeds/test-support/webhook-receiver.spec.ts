import { Webhook } from 'standardwebhooks';
import { verifyStandardWebhook } from './webhook-receiver';

// The test vector published with the Standard Webhooks specification: the
// tests' own verifier (the standardwebhooks package) must accept it, also
// among other signatures, and refuse any change.
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const headers = { 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'webhook-timestamp': '1614265330', 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' };
const body = '{"test": 2432232314}';

describe('verifyStandardWebhook (the tests’ receiver)', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1614265330 * 1000 }));
  afterEach(() => jest.useRealTimers());

  it('accepts the specification’s vector, also among other signatures', () => {
    expect(verifyStandardWebhook(secret, headers, body)).toBe(true);
    expect(verifyStandardWebhook(secret, { ...headers, 'webhook-signature': `v1,AAAA ${headers['webhook-signature']}` }, body)).toBe(true);
  });

  it('refuses a changed body, a wrong secret, an old timestamp or a missing header', () => {
    expect(verifyStandardWebhook(secret, headers, '{"test": 2432232315}')).toBe(false);
    expect(verifyStandardWebhook('whsec_c2VjcmV0LW9mLWFub3RoZXI=', headers, body)).toBe(false);
    jest.setSystemTime((1614265330 + 301) * 1000);
    expect(verifyStandardWebhook(secret, headers, body)).toBe(false);
    jest.setSystemTime(1614265330 * 1000);
    const { 'webhook-id': _id, ...withoutId } = headers;
    expect(verifyStandardWebhook(secret, withoutId, body)).toBe(false);
  });

  it('is the standardwebhooks package’s verification, not one of our own', () => {
    const signed = new Webhook(secret).sign(headers['webhook-id'], new Date(1614265330 * 1000), body);
    expect(verifyStandardWebhook(secret, { ...headers, 'webhook-signature': signed }, body)).toBe(true);
    expect(verifyStandardWebhook(secret, { ...headers, 'webhook-signature': 'v2,whatever' }, body)).toBe(false);
    expect(verifyStandardWebhook('', headers, body)).toBe(false);
  });
});
