import { Step, type ChildJourney } from './child-journey';
import type { EscortPlan } from './escort-plan';
import type { MailboxOutcome } from './mailbox-check';
import type { AssignmentRetries, ManifestCheck } from './movement-steps';
import type { SeedGroup } from './seed-children';
import type { GroupSummary, StepOutcome } from './summary';

/** What happened to the group's movement as a whole; filled in as the run goes. */
export interface MovementOutcome {
  movementId?: string;
  readonly escortsPlanned: EscortPlan;
  escortsAdded: number;
  manifest?: ManifestCheck;
  manifestProblem?: string;
  /** How long the command took, once it succeeded. */
  departed?: number;
  arrived?: number;
  /** The first thing that stopped the movement; the children's steps after it fail with it. */
  problem?: string;
}

interface GroupRun {
  readonly outcome: MovementOutcome;
  readonly durations: ReadonlyMap<Step, number>;
  readonly retries: AssignmentRetries;
  readonly mailbox?: MailboxOutcome;
  readonly totalMs: number;
}

/** The group's counts per step, for the summary table. */
export function summarise(group: SeedGroup, journeys: readonly ChildJourney[], families: readonly ChildJourney[][], run: GroupRun): GroupSummary {
  const { flight } = group;
  const { outcome } = run;
  const count = (step: Step): StepOutcome => ({
    done: journeys.filter((j) => j.reached.has(step)).length,
    of: journeys.length,
    ms: run.durations.get(step),
  });
  const siblingGroups = families.filter((f) => f.length > 1);
  const problems = [outcome.problem, outcome.manifestProblem && `manifest: ${outcome.manifestProblem}`].filter((p): p is string => Boolean(p));
  return {
    key: group.key,
    label: group.label,
    flight: `${flight.flightNumber} ${flight.departureAirport} → ${flight.arrivalAirport} ${flight.scheduledDeparture.slice(0, 16).replace('T', ' ')}Z`,
    movementId: outcome.movementId,
    children: journeys.length,
    cases: journeys.map((j) => ({ ref: j.child.ref, familyRef: j.child.familyRef, caseId: j.caseId })),
    registered: count(Step.registered),
    siblingGroupsLinked: {
      done: siblingGroups.filter((f) => f.every((j) => j.reached.has(Step.siblingsLinked))).length,
      of: siblingGroups.length,
      ms: run.durations.get(Step.siblingsLinked),
    },
    legalFilesOpened: count(Step.legalFileOpened),
    requirementsSatisfied: count(Step.requirementsSatisfied),
    clearanceRequested: count(Step.clearanceRequested),
    cleared: count(Step.cleared),
    inClearedPool: count(Step.inClearedPool),
    escorts: {
      added: outcome.escortsAdded,
      needed: outcome.escortsPlanned.needed,
      infants: outcome.escortsPlanned.infants,
      medical: outcome.escortsPlanned.escorts.filter((e) => e.role === 'medical').length,
    },
    assigned: count(Step.assigned),
    onManifest: count(Step.onManifest),
    manifest: outcome.manifest,
    boarded: count(Step.boarded),
    departedMs: outcome.departed,
    arrivedMs: outcome.arrived,
    handedOver: count(Step.handedOver),
    emailsSent: {
      done: journeys.reduce((n, j) => n + j.emailsSent, 0),
      of: journeys.reduce((n, j) => n + j.child.registration.guardians.length, 0),
      ms: run.durations.get(Step.intakeClosed),
    },
    intakeClosed: count(Step.intakeClosed),
    legalCleared: count(Step.legalCleared),
    logisticsHandedOver: count(Step.logisticsHandedOver),
    mailbox: run.mailbox,
    retries: run.retries,
    totalMs: run.totalMs,
    problems,
    incomplete: journeys
      .filter((j) => j.failure || !Object.values(Step).every((step) => j.reached.has(step)))
      .map((j) => ({ ref: j.child.ref, caseId: j.caseId, missing: j.failure ?? 'not every step reached' })),
  };
}
