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
/** The programme a case is counted under until its registration says which (operators alone see it; no programme id has an underscore). */
export const UNKNOWN_PROGRAMME = '_unknown';
/** The branch of the counters that holds each programme's own: `programmes.<programmeId>.stage.RU.cleared`. */
export const PROGRAMME_COUNTERS = 'programmes';

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
 * handover day, its e-mails and its open holds, all under its programme
 * (`programmes.<id>.…`), so that a reader sees the counts of the programmes
 * their agency takes part in only. A pure function of the facts, so any
 * delivery order and any redelivery give the same numbers.
 */
export function contributionOf(state: CaseState): Counters {
  const counters: Record<string, number> = {};
  const add = (path: string, amount: number) => addTo(counters, `${PROGRAMME_COUNTERS}.${safeSegment(state.programmeId ?? UNKNOWN_PROGRAMME)}.${path}`, amount);
  const lifecycle = state.facts.filter(isLifecycleFact);
  if (lifecycle.length > 0) {
    const stage = deriveStage(lifecycle);
    add(`stage.${safeSegment(state.destinationState ?? UNKNOWN_DESTINATION)}.${stage}`, 1);
    const history = stageHistory(lifecycle);
    for (let i = 0; i + 1 < history.length; i++) {
      const spent = Math.max(0, Date.parse(history[i + 1]!.at) - Date.parse(history[i]!.at));
      add(`stageMs.${history[i]!.stage}`, spent);
      add(`stageExits.${history[i]!.stage}`, 1);
    }
    const handover = lifecycle.find((f) => f.kind === 'handed-over');
    if (handover) add(`returns.${dayOf(handover.at)}`, 1);
    if (!finalStages.has(stage)) {
      const open = new Set(activeHoldIds(lifecycle));
      for (const fact of lifecycle) {
        if (fact.kind === 'hold-placed' && open.has(fact.holdId)) add(`holds.${safeSegment(fact.category)}`, 1);
      }
    }
  }
  for (const fact of state.facts) {
    if (fact.kind === 'email-sent') add(`emails.sent.${safeSegment(fact.milestone)}`, 1);
    if (fact.kind === 'email-failed') add(`emails.failed.${safeSegment(fact.milestone)}`, 1);
  }
  return counters;
}
