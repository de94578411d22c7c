import { createHmac, timingSafeEqual } from 'node:crypto';

/** `<caseId>.<guardianId>.<signature>`: what the unsubscribe link carries. */
export const UNSUBSCRIBE_TOKEN_PATTERN = /^([0-9a-f-]{36})\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

export interface UnsubscribeSubject {
  readonly caseId: string;
  readonly guardianId: string;
}

const signature = (key: string, { caseId, guardianId }: UnsubscribeSubject): Buffer =>
  createHmac('sha256', key).update(`homeward-unsubscribe-v1:${caseId}:${guardianId}`).digest();

/**
 * A link that lets one guardian stop the e-mails about one case without an
 * account: the ids are pseudonymous, the HMAC (key from the configuration)
 * proves the link came from us and names no other guardian or case.
 */
export function signUnsubscribeToken(key: string, subject: UnsubscribeSubject): string {
  return `${subject.caseId}.${subject.guardianId}.${signature(key, subject).toString('base64url')}`;
}

/** The case and guardian a well-formed token names, or undefined when its signature is not ours. */
export function verifyUnsubscribeToken(key: string, token: string): UnsubscribeSubject | undefined {
  const match = UNSUBSCRIBE_TOKEN_PATTERN.exec(token);
  if (!match) return undefined;
  const subject = { caseId: match[1]!, guardianId: match[2]! };
  const given = Buffer.from(match[3]!, 'base64url');
  const expected = signature(key, subject);
  return given.length === expected.length && timingSafeEqual(given, expected) ? subject : undefined;
}
