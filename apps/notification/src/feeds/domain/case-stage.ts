/** Where a case is in its lifecycle (DESIGN "Case lifecycle"), as the feeds tell agencies. */
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

export interface StageState {
  readonly stage: CaseStage;
  /** Where the case returns when its hold is lifted. */
  readonly stageBeforeHold?: CaseStage | undefined;
}

const final: ReadonlySet<CaseStage> = new Set([CaseStage.handedOver, CaseStage.withdrawn, CaseStage.rejected, CaseStage.merged]);

const reachedBy: Readonly<Record<string, CaseStage>> = {
  'case.registered.v1': CaseStage.registered,
  'legal-file.opened.v1': CaseStage.inLegalReview,
  'case.cleared.v1': CaseStage.cleared,
  'case.rejected.v1': CaseStage.rejected,
  'case.withdrawn.v1': CaseStage.withdrawn,
  'case.merged.v1': CaseStage.merged,
  'case.assigned.v1': CaseStage.assigned,
  'case.unassigned.v1': CaseStage.cleared,
  'case.boarding-missed.v1': CaseStage.cleared,
  'movement.cancelled.v1': CaseStage.cleared,
  'case.boarded.v1': CaseStage.boarded,
  'movement.arrived.v1': CaseStage.arrived,
  'case.handed-over.v1': CaseStage.handedOver,
};

/**
 * The stage after an event about the case. The copy follows the events it
 * sees; a case that left the programme stays where it left. Applying the
 * same event twice gives the same state (Kafka redelivers).
 */
export function stageAfter(state: StageState, eventType: string): StageState {
  if (final.has(state.stage)) return state;
  if (eventType === 'case.hold-placed.v1') {
    return state.stage === CaseStage.onHold ? state : { stage: CaseStage.onHold, stageBeforeHold: state.stage };
  }
  if (eventType === 'case.hold-lifted.v1') {
    return state.stage === CaseStage.onHold ? { stage: state.stageBeforeHold ?? CaseStage.inLegalReview } : state;
  }
  const next = reachedBy[eventType];
  if (!next) return state;
  // An event that arrives while the case is on hold moves where it returns to.
  return state.stage === CaseStage.onHold && !final.has(next) ? { stage: CaseStage.onHold, stageBeforeHold: next } : { stage: next };
}
