import { signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token';

const KEY = 'a-test-key-that-is-long-enough-for-hmac-sha256';
const subject = { caseId: '00000000-0000-4000-8000-000000000001', guardianId: '00000000-0000-4000-8000-000000000002' };

describe('unsubscribe token', () => {
  it('names the case and guardian it was signed for', () => {
    expect(verifyUnsubscribeToken(KEY, signUnsubscribeToken(KEY, subject))).toEqual(subject);
  });

  it('refuses a token signed with another key', () => {
    expect(verifyUnsubscribeToken(KEY, signUnsubscribeToken('another-key-of-sufficient-length-for-the-test', subject))).toBeUndefined();
  });

  it('refuses a token whose guardian was swapped for another', () => {
    const token = signUnsubscribeToken(KEY, subject);
    const swapped = token.replace(subject.guardianId, '00000000-0000-4000-8000-000000000009');
    expect(verifyUnsubscribeToken(KEY, swapped)).toBeUndefined();
  });

  it('refuses malformed tokens', () => {
    for (const token of ['', 'x.y.z', `${subject.caseId}.${subject.guardianId}.`, `${signUnsubscribeToken(KEY, subject)}x`]) {
      expect(verifyUnsubscribeToken(KEY, token)).toBeUndefined();
    }
  });
});
