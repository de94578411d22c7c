import { CaseClearedV1, CaseHoldPlacedV1, Milestone } from '@homeward/contracts';
import { on, type HandlerRegistration } from '@homeward/messaging';
import type { GuardianNotifier } from './guardian-notifier';

export function legalMilestoneHandlers({ notify }: GuardianNotifier): HandlerRegistration[] {
  return [
    on(CaseClearedV1, (event) => notify(event.data.caseId, Milestone.cleared, {}, event)),
    // A neutral delay notice, once per hold: the category and reason stay in legal.
    on(CaseHoldPlacedV1, (event) => notify(event.data.caseId, Milestone.onHold, { occurrence: event.data.holdId }, event)),
  ];
}
