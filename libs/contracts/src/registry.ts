import type { EventDefinition } from './define-event';
import { CaseAssignedV1 } from './events/case-assigned.event';
import { CaseClearedV1 } from './events/case-cleared.event';
import { CaseRegisteredV1, CaseRegisteredV2 } from './events/case-registered.event';
import { EmailFailedV1 } from './events/email-failed.event';
import { EmailSentV1 } from './events/email-sent.event';
import { GuardianOptedOutV1 } from './events/guardian-opted-out.event';
import { LegalFileOpenedV1 } from './events/legal-file-opened.event';
import { MovementScheduledV1 } from './events/movement-scheduled.event';
import { CaseMergedV1, CaseUpdatedV1, CaseWithdrawnV1, CaseWithdrawnV2 } from './events/case-lifecycle.events';
import { CaseErasedV1 } from './events/case-erased.event';
import {
  CaseHoldLiftedV1,
  CaseHoldPlacedV1,
  CaseHoldPlacedV2,
  CaseRejectedV1,
  CaseRejectedV2,
  ClearanceRequestedV1,
  RequirementDecidedV1,
  RequirementDecidedV2,
  RequirementEvidenceAttachedV1,
} from './events/legal.events';
import {
  CaseBoardedV1,
  CaseBoardingMissedV1,
  CaseHandedOverV1,
  CaseUnassignedV1,
  MovementArrivedV1,
  MovementCancelledV1,
  MovementDepartedV1,
  MovementEscortAddedV1,
  MovementEscortRemovedV1,
  MovementRescheduledV1,
} from './events/logistics.events';
import { SubscriptionPausedV1, SubscriptionResumedV1 } from './events/subscription.events';
import { ProgrammeCreatedV1, ProgrammeParticipantsChangedV1, ProgrammeResumedV1, ProgrammeSuspendedV1 } from './events/programme.events';

/** Every published event type. The JSON Schemas and the AsyncAPI document are generated from this list. */
export const eventCatalog = [
  ProgrammeCreatedV1,
  ProgrammeSuspendedV1,
  ProgrammeResumedV1,
  ProgrammeParticipantsChangedV1,
  CaseRegisteredV1,
  CaseRegisteredV2,
  CaseUpdatedV1,
  CaseWithdrawnV1,
  CaseWithdrawnV2,
  CaseMergedV1,
  CaseErasedV1,
  LegalFileOpenedV1,
  RequirementEvidenceAttachedV1,
  RequirementDecidedV1,
  RequirementDecidedV2,
  CaseHoldPlacedV1,
  CaseHoldPlacedV2,
  CaseHoldLiftedV1,
  ClearanceRequestedV1,
  CaseClearedV1,
  CaseRejectedV1,
  CaseRejectedV2,
  MovementScheduledV1,
  MovementRescheduledV1,
  MovementCancelledV1,
  MovementEscortAddedV1,
  MovementEscortRemovedV1,
  CaseAssignedV1,
  CaseUnassignedV1,
  CaseBoardedV1,
  CaseBoardingMissedV1,
  MovementDepartedV1,
  MovementArrivedV1,
  CaseHandedOverV1,
  EmailSentV1,
  EmailFailedV1,
  GuardianOptedOutV1,
  SubscriptionPausedV1,
  SubscriptionResumedV1,
] as const satisfies readonly EventDefinition[];

export type CatalogEvent = (typeof eventCatalog)[number];
export type EventType = CatalogEvent['type'];

const byType = new Map<string, EventDefinition>(eventCatalog.map((e) => [e.type, e]));

export function findEventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}
