import type { CaseFact } from './case-fact';
import { activeHoldIds, deriveStage, finalStages, isLifecycleFact, stageHistory } from './case-stage';
import { addTo, dayOf, safeSegment, type Counters } from './counter-delta';

/** What the dashboard keeps of one case: where it stands, never who the child is. */
export interface CaseState {
  readonly programmeId?: string;
  readonly destinationState?: string;
  readonly requiresMedicalEscort: boolean;
  /** Version of the intake snapshot these fields come from; an older one is ignored. */
  readonly snapshotVersion: number;
  readonly facts: readonly CaseFact[];
}

/** What an event tells the dashboard about a case. */
export type CaseChange =
  | { readonly kind: 'fact'; readonly fact: CaseFact }
  | {
      readonly kind: 'snapshot';
      readonly version: number;
      readonly programmeId: string;
      readonly destinationState: string;
      readonly requiresMedicalEscort: boolean;
      /** The registration itself, for `case.registered.v1`. */
      readonly fact?: CaseFact;
    }
  /** An event about the case that changes no panel (evidence attached, …): counted in the throughput only. */
  | { readonly kind: 'none' };

export const UNKNOWN_DESTINATION = 'unknown';

export const emptyCase = (): CaseState => ({ requiresMedicalEscort: false, snapshotVersion: 0, facts: [] });

export function applyCaseChange(state: CaseState, change: CaseChange): CaseState {
  if (change.kind === 'none') return state;
  if (change.kind === 'fact') return withFact(state, change.fact);
  const next =
    change.version > state.snapshotVersion
      ? {
          ...state,
          programmeId: change.programmeId,
          destinationState: change.destinationState,
          requiresMedicalEscort: change.requiresMedicalEscort,
          snapshotVersion: change.version,
        }
      : state;
  return change.fact ? withFact(next, change.fact) : next;
}

/**
 * Facts are kept in one order whatever order the topics delivered them in
 * (time, then kind, then event id), so that the stored document, and the
 * counters built from it, are the same after a rebuild from the topics.
 */
const factOrder = (a: CaseFact, b: CaseFact): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;

const withFact = (state: CaseState, fact: CaseFact): CaseState =>
  state.facts.some((f) => f.eventId === fact.eventId && f.kind === fact.kind) ? state : { ...state, facts: [...state.facts, fact].sort(factOrder) };

/**
 * Everything this case adds to the dashboard's counters right now: one in its
 * stage and destination, the time it spent in each stage it has left, its
 * handover day, its e-mails and its open holds. A pure function of the
 * facts, so any delivery order and any redelivery give the same numbers.
 */
export function contributionOf(state: CaseState): Counters {
  const counters: Record<string, number> = {};
  const lifecycle = state.facts.filter(isLifecycleFact);
  if (lifecycle.length > 0) {
    const stage = deriveStage(lifecycle);
    addTo(counters, `stage.${safeSegment(state.destinationState ?? UNKNOWN_DESTINATION)}.${stage}`, 1);
    const history = stageHistory(lifecycle);
    for (let i = 0; i + 1 < history.length; i++) {
      const spent = Math.max(0, Date.parse(history[i + 1]!.at) - Date.parse(history[i]!.at));
      addTo(counters, `stageMs.${history[i]!.stage}`, spent);
      addTo(counters, `stageExits.${history[i]!.stage}`, 1);
    }
    const handover = lifecycle.find((f) => f.kind === 'handed-over');
    if (handover) addTo(counters, `returns.${dayOf(handover.at)}`, 1);
    if (!finalStages.has(stage)) {
      const open = new Set(activeHoldIds(lifecycle));
      for (const fact of lifecycle) {
        if (fact.kind === 'hold-placed' && open.has(fact.holdId)) addTo(counters, `holds.${safeSegment(fact.category)}`, 1);
      }
    }
  }
  for (const fact of state.facts) {
    if (fact.kind === 'email-sent') addTo(counters, `emails.sent.${safeSegment(fact.milestone)}`, 1);
    if (fact.kind === 'email-failed') addTo(counters, `emails.failed.${safeSegment(fact.milestone)}`, 1);
  }
  return counters;
}
