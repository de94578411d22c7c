import { CaseStage } from '@homeward/contracts';

/** Where a case is in its lifecycle, as the feeds tell agencies (shared with the dashboard). */
export { CaseStage };

export interface StageState {
  readonly stage: CaseStage;
  /** Where the case returns when its hold is lifted. */
  readonly stageBeforeHold?: CaseStage | undefined;
}

const final: ReadonlySet<CaseStage> = new Set([CaseStage.handedOver, CaseStage.withdrawn, CaseStage.rejected, CaseStage.merged]);

/** The journey's forward stages in order. */
const journey: readonly CaseStage[] = [
  CaseStage.registered,
  CaseStage.inLegalReview,
  CaseStage.cleared,
  CaseStage.assigned,
  CaseStage.boarded,
  CaseStage.arrived,
  CaseStage.handedOver,
];

/** Events that move a case forward: Kafka orders them per topic only, so one arriving late must not move the case back. */
const forward: Readonly<Record<string, CaseStage>> = {
  'case.registered.v1': CaseStage.registered,
  'case.registered.v2': CaseStage.registered,
  'legal-file.opened.v1': CaseStage.inLegalReview,
  'case.cleared.v1': CaseStage.cleared,
  'case.assigned.v1': CaseStage.assigned,
  'case.boarded.v1': CaseStage.boarded,
  'movement.arrived.v1': CaseStage.arrived,
  'case.handed-over.v1': CaseStage.handedOver,
};

/** Events that leave the programme or really move a case back to the cleared pool. */
const other: Readonly<Record<string, CaseStage>> = {
  'case.rejected.v1': CaseStage.rejected,
  'case.rejected.v2': CaseStage.rejected,
  'case.withdrawn.v1': CaseStage.withdrawn,
  'case.withdrawn.v2': CaseStage.withdrawn,
  'case.merged.v1': CaseStage.merged,
  'case.unassigned.v1': CaseStage.cleared,
  'case.boarding-missed.v1': CaseStage.cleared,
  'movement.cancelled.v1': CaseStage.cleared,
};

const later = (a: CaseStage, b: CaseStage): CaseStage => (journey.indexOf(b) > journey.indexOf(a) ? b : a);

/**
 * The stage after an event about the case. The copy follows the events it
 * sees: forward events never move a case back (the legal topic may be read
 * after the logistics one), a case that left the programme stays where it
 * left. Applying the same event twice gives the same state.
 */
export function stageAfter(state: StageState, eventType: string): StageState {
  if (final.has(state.stage)) return state;
  if (eventType === 'case.hold-placed.v1' || eventType === 'case.hold-placed.v2') {
    return state.stage === CaseStage.onHold ? state : { stage: CaseStage.onHold, stageBeforeHold: state.stage };
  }
  if (eventType === 'case.hold-lifted.v1') {
    return state.stage === CaseStage.onHold ? { stage: state.stageBeforeHold ?? CaseStage.inLegalReview } : state;
  }
  const onHold = state.stage === CaseStage.onHold;
  const from = onHold ? (state.stageBeforeHold ?? CaseStage.inLegalReview) : state.stage;
  const ahead = forward[eventType];
  const next = ahead ? later(from, ahead) : other[eventType];
  if (!next) return state;
  // An event that arrives while the case is on hold moves where it returns to.
  return onHold && !final.has(next) ? { stage: CaseStage.onHold, stageBeforeHold: next } : { stage: next };
}
