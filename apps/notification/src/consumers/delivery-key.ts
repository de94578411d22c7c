import { createHash } from 'node:crypto';
import type { Milestone } from '@homeward/contracts';

export interface DeliveryKey {
  readonly caseId: string;
  readonly milestone: Milestone;
  /** The movement, the new departure or the hold, for a milestone that can happen more than once. */
  readonly occurrence?: string;
  readonly guardianId: string;
}

/** The idempotency key: one e-mail per (case, milestone occurrence, guardian). */
export const deliveryId = (key: DeliveryKey): string =>
  [key.caseId, key.milestone, ...(key.occurrence ? [key.occurrence] : []), key.guardianId].join(':');

/**
 * The SMTP Message-ID, a function of the key alone: every attempt, by any
 * instance, after any crash, sends the same Message-ID, so a duplicate that
 * slipped through the crash window is recognisable (and collapsed by many
 * mailbox providers). Hashed so that it carries no ids out of the system.
 */
export const messageIdOf = (id: string, domain: string): string =>
  `<${createHash('sha256').update(id).digest('hex').slice(0, 40)}@${domain}>`;
