/**
 * Where a case is in its lifecycle (DESIGN.md "Case lifecycle"), as the read
 * sides (the dashboard, the agency feeds) name it. A handover ends the
 * journey: no later event exists, so `handed-over` is their last stage
 * (intake calls the same case `closed`).
 */
export const CaseStage = {
  registered: 'registered',
  inLegalReview: 'in-legal-review',
  onHold: 'on-hold',
  cleared: 'cleared',
  assigned: 'assigned',
  boarded: 'boarded',
  arrived: 'arrived',
  handedOver: 'handed-over',
  withdrawn: 'withdrawn',
  rejected: 'rejected',
  merged: 'merged',
} as const;
export type CaseStage = (typeof CaseStage)[keyof typeof CaseStage];
