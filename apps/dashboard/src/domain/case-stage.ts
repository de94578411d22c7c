import { CaseStage } from '@homeward/contracts';
import type { CaseFact, CaseFactKind } from './case-fact';

/** The stages of DESIGN.md "Case lifecycle" as the dashboard counts them (shared with the feeds). */
export const Stage = CaseStage;
export type Stage = CaseStage;
export const stages = Object.values(Stage) as [Stage, ...Stage[]];

/** A hold suspends only these stages; lifted, the case is back where it was. */
const holdable: ReadonlySet<Stage> = new Set([Stage.inLegalReview, Stage.cleared, Stage.assigned]);

/** Stages a case never leaves; its holds no longer count. */
export const finalStages: ReadonlySet<Stage> = new Set([Stage.handedOver, Stage.withdrawn, Stage.rejected, Stage.merged]);

export interface StageEntry {
  readonly stage: Stage;
  /** When the case entered the stage: the time the event says the change happened. */
  readonly at: string;
}

const lifecycleKinds: ReadonlySet<CaseFactKind> = new Set<CaseFactKind>([
  'registered',
  'legal-file-opened',
  'cleared',
  'rejected',
  'withdrawn',
  'merged',
  'hold-placed',
  'hold-lifted',
  'assigned',
  'unassigned',
  'boarded',
  'boarding-missed',
  'arrived',
  'handed-over',
]);

export const isLifecycleFact = (fact: CaseFact): boolean => lifecycleKinds.has(fact.kind);

/**
 * The stage from the set of facts, whatever order they arrived in: intake,
 * legal and logistics publish on different topics, and movement events are
 * keyed by movement, so a `case.cleared` may come after `case.assigned` and a
 * `movement.arrived` before `case.boarded`.
 */
export function deriveStage(facts: readonly CaseFact[]): Stage {
  const has = (kind: CaseFactKind) => facts.some((f) => f.kind === kind);
  if (has('merged')) return Stage.merged;
  if (has('withdrawn')) return Stage.withdrawn;
  if (has('rejected')) return Stage.rejected;
  if (has('handed-over')) return Stage.handedOver;
  const base = journeyStage(facts);
  return activeHoldIds(facts).length > 0 && holdable.has(base) ? Stage.onHold : base;
}

function journeyStage(facts: readonly CaseFact[]): Stage {
  const seat = currentSeat(facts);
  if (seat) {
    // movement.arrived lists the children on board, so it also proves the boarding.
    if (facts.some((f) => f.kind === 'arrived' && f.movementId === seat.movementId)) return Stage.arrived;
    return seat.boarded ? Stage.boarded : Stage.assigned;
  }
  if (facts.some((f) => f.kind === 'cleared')) return Stage.cleared;
  if (facts.some((f) => f.kind === 'legal-file-opened')) return Stage.inLegalReview;
  return Stage.registered;
}

/**
 * Where the child sits now. Logistics' per-case events share one partition,
 * so they arrive in order; the latest says whether the child has a seat.
 */
export function currentSeat(facts: readonly CaseFact[]): { movementId: string; boarded: boolean } | undefined {
  const latest = byTime(facts)
    .filter((f) => f.kind === 'assigned' || f.kind === 'unassigned' || f.kind === 'boarded' || f.kind === 'boarding-missed')
    .at(-1);
  if (!latest || !('movementId' in latest) || latest.kind === 'unassigned' || latest.kind === 'boarding-missed') return undefined;
  return { movementId: latest.movementId, boarded: latest.kind === 'boarded' };
}

export function activeHoldIds(facts: readonly CaseFact[]): string[] {
  const lifted = new Set(facts.flatMap((f) => (f.kind === 'hold-lifted' ? [f.holdId] : [])));
  return facts.flatMap((f) => (f.kind === 'hold-placed' && !lifted.has(f.holdId) ? [f.holdId] : []));
}

/**
 * Each stage the case went through and when it entered it, replaying the
 * facts in time order: a late fact lands where it belongs in time, so the time
 * spent in each stage stays right when events arrive out of order.
 */
export function stageHistory(facts: readonly CaseFact[]): StageEntry[] {
  const sorted = byTime(facts.filter(isLifecycleFact));
  const history: StageEntry[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const stage = deriveStage(sorted.slice(0, i + 1));
    if (stage !== history.at(-1)?.stage) history.push({ stage, at: sorted[i]!.at });
  }
  return history;
}

// Facts of one instant (events built in the same millisecond) are put in the
// lifecycle's order, so a handover recorded before its arrival still passes
// through `arrived`; otherwise the sort is stable.
const lifecycleOrder: readonly CaseFactKind[] = [
  'registered',
  'legal-file-opened',
  'hold-placed',
  'hold-lifted',
  'cleared',
  'assigned',
  'unassigned',
  'boarded',
  'boarding-missed',
  'arrived',
  'handed-over',
  'rejected',
  'withdrawn',
  'merged',
];
const rank = (fact: CaseFact) => lifecycleOrder.indexOf(fact.kind);
const byTime = (facts: readonly CaseFact[]): CaseFact[] =>
  [...facts].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || rank(a) - rank(b));
