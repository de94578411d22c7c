import { CaseHoldPlacedV1, CaseHoldPlacedV2, CaseRejectedV1, CaseRejectedV2, RequirementDecidedV1, RequirementDecidedV2 } from '../events/legal.events';
import { defineUpcaster } from './event-upcaster';

/**
 * v2 of the legal events with a free-text reason moves the reason into the
 * sealed `personal` part; nothing else changes, so both directions are
 * lossless (a consumer opens the personal part before converting, and skips
 * the event altogether once the child is erased).
 */
export const requirementDecidedV1ToV2 = defineUpcaster({
  from: RequirementDecidedV1,
  to: RequirementDecidedV2,
  up: ({ reason, ...rest }) => ({ ...rest, personal: { reason } }),
  down: ({ personal, ...rest }) => ({ ...rest, reason: personal.reason }),
});

export const caseHoldPlacedV1ToV2 = defineUpcaster({
  from: CaseHoldPlacedV1,
  to: CaseHoldPlacedV2,
  up: ({ reason, ...rest }) => ({ ...rest, personal: { reason } }),
  down: ({ personal, ...rest }) => ({ ...rest, reason: personal.reason }),
});

export const caseRejectedV1ToV2 = defineUpcaster({
  from: CaseRejectedV1,
  to: CaseRejectedV2,
  up: ({ reason, ...rest }) => ({ ...rest, personal: { reason } }),
  down: ({ personal, ...rest }) => ({ ...rest, reason: personal.reason }),
});
