import type { LegalFile, Requirement } from '../types';

export interface LegalActor {
  readonly userId: string;
  readonly roles: readonly string[];
}

/**
 * Who may decide a requirement, as legal's field policy and domain say:
 * the security screening is the screening officer's alone, and the
 * screening officer decides nothing else.
 */
export function mayDecide(actor: LegalActor, requirement: Requirement, file: LegalFile): boolean {
  if (file.status !== 'open') return false;
  const screening = requirement.code === 'security-screening';
  if (actor.roles.includes('admin') || actor.roles.includes('supervisor')) return !screening || actor.roles.includes('screening-officer');
  return screening ? actor.roles.includes('screening-officer') : actor.roles.includes('legal-officer');
}

/** Clearance is asked for by a legal officer (legal's rule), once every requirement is satisfied and nothing holds the case. */
export function mayRequestClearance(actor: LegalActor, file: LegalFile): boolean {
  const openHold = file.holds.some((h) => !h.liftedAt);
  return file.status === 'open' && !openHold && file.requirements.every((r) => r.status === 'satisfied') && actor.roles.includes('legal-officer');
}

export type ApprovalState = { kind: 'hidden' } | { kind: 'allowed' } | { kind: 'refused-own-request'; requestedBy: string };

/** Four eyes: a supervisor may approve a requested clearance, but never one they requested themselves; said before anyone clicks. */
export function approvalState(actor: LegalActor, file: LegalFile): ApprovalState {
  if (file.status !== 'clearance-requested' || !file.clearance) return { kind: 'hidden' };
  if (!actor.roles.includes('supervisor')) return { kind: 'hidden' };
  if (file.clearance.requestedBy === actor.userId) return { kind: 'refused-own-request', requestedBy: file.clearance.requestedBy };
  return { kind: 'allowed' };
}
