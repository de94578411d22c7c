import type { CaseHoldLiftedV1, CaseHoldPlacedV2, EventData } from '@homeward/contracts';
import { ConflictError, NotFoundError } from '@homeward/errors';
import { LegalFileStatus, requireStatus, type Actor, type LegalFileState, type Transition } from './legal-file.state';

/** A hold concerns the journey, not the legal decision: it may be placed on a cleared file until the child boards. */
const HOLDABLE = [LegalFileStatus.open, LegalFileStatus.clearanceRequested, LegalFileStatus.cleared];

export interface PlaceHold {
  readonly holdId: string;
  readonly category: EventData<typeof CaseHoldPlacedV2>['category'];
  readonly reason: string;
}

export function placeHold(file: LegalFileState, command: PlaceHold, actor: Actor, now: Date): Transition<EventData<typeof CaseHoldPlacedV2>> {
  requireStatus(file, HOLDABLE, 'placing a hold');
  if (file.boardedAt) {
    throw new ConflictError(`the child boarded at ${file.boardedAt}; a hold may be placed only before boarding`, { boardedAt: file.boardedAt });
  }
  const placedAt = now.toISOString();
  const hold = { ...command, placedBy: actor.userId, placedAt };
  return {
    state: { ...file, holds: [...file.holds, hold] },
    event: { caseId: file.caseId, holdId: hold.holdId, category: hold.category, placedBy: hold.placedBy, placedAt, personal: { reason: hold.reason } },
  };
}

export function liftHold(file: LegalFileState, holdId: string, actor: Actor, now: Date): Transition<EventData<typeof CaseHoldLiftedV1>> {
  requireStatus(file, HOLDABLE, 'lifting a hold');
  const hold = file.holds.find((h) => h.holdId === holdId);
  if (!hold) throw new NotFoundError(`hold ${holdId} does not exist on the legal file of case ${file.caseId}`);
  if (hold.liftedAt) throw new ConflictError(`hold ${holdId} was already lifted at ${hold.liftedAt}`, { liftedAt: hold.liftedAt });
  const liftedAt = now.toISOString();
  return {
    state: { ...file, holds: file.holds.map((h) => (h.holdId === holdId ? { ...h, liftedBy: actor.userId, liftedAt } : h)) },
    event: { caseId: file.caseId, holdId, liftedBy: actor.userId, liftedAt },
  };
}
