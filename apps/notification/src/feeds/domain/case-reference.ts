import { createHmac, randomBytes } from 'node:crypto';

/** A fresh per-subscription key: two agencies' references to one child cannot be joined. */
export const newPseudonymKey = (): string => randomBytes(32).toString('base64');

/**
 * The pseudonymous reference of a case for one subscription: an HMAC of the
 * case id under that subscription's key, stable for the subscription's life
 * and meaningless without the key.
 */
export function caseReference(pseudonymKey: string, caseId: string): string {
  return `case_${createHmac('sha256', Buffer.from(pseudonymKey, 'base64')).update(caseId).digest('base64url').slice(0, 27)}`;
}
