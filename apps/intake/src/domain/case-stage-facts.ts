import { CaseStage, holdableStages, type StageHistoryEntry } from './case-stage';

/**
 * One thing intake learned about a case from an event: its own (withdrawn,
 * merged) or another service's. `eventId` makes recording a fact idempotent;
 * `at` is the time the event says the thing happened.
 */
export type StageFact = { readonly eventId: string; readonly at: string } & (
  | { readonly kind: 'legal-file-opened' | 'cleared' | 'rejected' | 'withdrawn' | 'merged' }
  | { readonly kind: 'hold-placed' | 'hold-lifted'; readonly holdId: string }
  | {
      readonly kind: 'assigned' | 'unassigned' | 'boarded' | 'boarding-missed' | 'arrived' | 'handed-over';
      readonly movementId: string;
    }
);
export type StageFactKind = StageFact['kind'];

export interface StageView {
  readonly stage: CaseStage;
  readonly stageHistory: StageHistoryEntry[];
  readonly stageFacts: StageFact[];
}

/**
 * Why facts and not transitions: legal's and logistics' topics are not ordered
 * against each other, and movement events (keyed by movement) not against case
 * events (keyed by case). A `case.cleared` may arrive after `case.assigned`, a
 * `movement.arrived` before `case.boarded`. The stage is therefore a function
 * of the *set* of facts, so any delivery order and any duplicate give the same
 * stage; the history replays the facts in the order they happened.
 */
export function recordStageFact(registeredAt: string, facts: readonly StageFact[], fact: StageFact): StageView {
  const known = facts.some((f) => f.eventId === fact.eventId);
  const stageFacts = known ? [...facts] : [...facts, fact];
  return { stage: deriveStage(stageFacts), stageHistory: stageHistoryOf(registeredAt, stageFacts), stageFacts };
}

/** The stage a case is in given everything known about it. */
export function deriveStage(facts: readonly StageFact[]): CaseStage {
  const has = (kind: StageFactKind) => facts.some((f) => f.kind === kind);
  // Intake's own decisions and legal's rejection end the case whatever else arrives.
  if (has('merged')) return CaseStage.merged;
  if (has('withdrawn')) return CaseStage.withdrawn;
  if (has('rejected')) return CaseStage.rejected;
  // A handover closes the case (DESIGN: "which closes the journey").
  if (has('handed-over')) return CaseStage.closed;
  const base = journeyStage(facts);
  return onHold(facts) && holdableStages.has(base) ? CaseStage.onHold : base;
}

function journeyStage(facts: readonly StageFact[]): CaseStage {
  const seat = currentSeat(facts);
  if (seat) {
    // movement.arrived lists the children on board, so it also proves the
    // boarding when it overtakes case.boarded (different Kafka keys).
    const arrived = facts.some((f) => f.kind === 'arrived' && f.movementId === seat.movementId);
    if (arrived) return CaseStage.arrived;
    return seat.kind === 'boarded' ? CaseStage.boarded : CaseStage.assigned;
  }
  if (facts.some((f) => f.kind === 'cleared')) return CaseStage.cleared;
  if (facts.some((f) => f.kind === 'legal-file-opened')) return CaseStage.inLegalReview;
  return CaseStage.registered;
}

/**
 * Logistics' per-case events share one partition (key = case id), so they
 * arrive in order: the latest one says whether the child has a seat. Ties in
 * time keep arrival order (the sort is stable).
 */
function currentSeat(facts: readonly StageFact[]): { kind: 'assigned' | 'boarded'; movementId: string } | undefined {
  const seatFacts = byTime(facts).filter(
    (f): f is Extract<StageFact, { movementId: string }> =>
      f.kind === 'assigned' || f.kind === 'unassigned' || f.kind === 'boarded' || f.kind === 'boarding-missed',
  );
  const latest = seatFacts.at(-1);
  if (!latest || latest.kind === 'unassigned' || latest.kind === 'boarding-missed') return undefined;
  return { kind: latest.kind === 'boarded' ? 'boarded' : 'assigned', movementId: latest.movementId };
}

function onHold(facts: readonly StageFact[]): boolean {
  const lifted = new Set(facts.flatMap((f) => (f.kind === 'hold-lifted' ? [f.holdId] : [])));
  return facts.some((f) => f.kind === 'hold-placed' && !lifted.has(f.holdId));
}

/**
 * Each stage the case went through and when it entered it, from replaying the
 * facts in time order. A late fact is put where it belongs in time, so the
 * dashboard's time-in-stage stays right when events arrive out of order.
 */
export function stageHistoryOf(registeredAt: string, facts: readonly StageFact[]): StageHistoryEntry[] {
  const history: StageHistoryEntry[] = [{ stage: CaseStage.registered, at: registeredAt }];
  const sorted = byTime(facts);
  for (let i = 0; i < sorted.length; i++) {
    const stage = deriveStage(sorted.slice(0, i + 1));
    const at = sorted[i]!.at;
    if (stage === history.at(-1)!.stage) continue;
    // Handed over and closed in one step: a handover is what closes a case.
    if (stage === CaseStage.closed) history.push({ stage: CaseStage.handedOver, at });
    history.push({ stage, at });
  }
  return history;
}

const byTime = (facts: readonly StageFact[]): StageFact[] =>
  [...facts].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
