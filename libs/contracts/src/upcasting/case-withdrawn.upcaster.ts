import { CaseWithdrawnV1, CaseWithdrawnV2 } from '../events/case-lifecycle.events';
import { defineUpcaster } from './event-upcaster';

/**
 * v2 of the withdrawal moves the free-text reason into the sealed `personal`
 * part; nothing else changes, so both directions are lossless (a consumer
 * opens the personal part before converting).
 */
export const caseWithdrawnV1ToV2 = defineUpcaster({
  from: CaseWithdrawnV1,
  to: CaseWithdrawnV2,
  up: ({ reason, ...rest }) => ({ ...rest, personal: { reason } }),
  down: ({ personal, ...rest }) => ({ ...rest, reason: personal.reason }),
});
