/**
 * Where a case is in the lifecycle of DESIGN.md "Case lifecycle". Intake does
 * not decide most of it: legal and logistics do, and intake follows their
 * events (see case-stage-facts.ts for how).
 */
export const CaseStage = {
  registered: 'registered',
  inLegalReview: 'in-legal-review',
  cleared: 'cleared',
  assigned: 'assigned',
  boarded: 'boarded',
  arrived: 'arrived',
  handedOver: 'handed-over',
  closed: 'closed',
  onHold: 'on-hold',
  withdrawn: 'withdrawn',
  rejected: 'rejected',
  merged: 'merged',
} as const;
export type CaseStage = (typeof CaseStage)[keyof typeof CaseStage];
export const caseStages = Object.values(CaseStage) as [CaseStage, ...CaseStage[]];

/** Exits after which intake refuses any change to the case (409). */
export const finalStages: ReadonlySet<CaseStage> = new Set([CaseStage.withdrawn, CaseStage.rejected, CaseStage.merged]);

/** A hold only suspends these stages; it returns to the same stage when lifted. */
export const holdableStages: ReadonlySet<CaseStage> = new Set([CaseStage.inLegalReview, CaseStage.cleared, CaseStage.assigned]);

/** Stages a case may be withdrawn from: once the child has boarded, the journey is logistics' to finish. */
export const withdrawableStages: ReadonlySet<CaseStage> = new Set([
  CaseStage.registered,
  CaseStage.inLegalReview,
  CaseStage.cleared,
  CaseStage.assigned,
  CaseStage.onHold,
]);

export interface StageHistoryEntry {
  readonly stage: CaseStage;
  /** When the case entered the stage: the time of the event that moved it. */
  readonly at: string;
}
