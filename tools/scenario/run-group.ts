import { mapWithConcurrency } from './bounded-concurrency';
import { childSteps, startJourney, Step, type ChildJourney } from './child-journey';
import { planEscorts } from './escort-plan';
import type { HomewardApis } from './homeward-apis';
import { lookAtOutcome } from './journey-outcome';
import { awaitMailbox, type MailboxOutcome } from './mailbox-check';
import type { createMailboxClient } from './mailbox-client';
import { movementSteps, type AssignmentRetries } from './movement-steps';
import { sleep } from './retry';
import type { ScenarioTimeouts } from './scenario-options';
import type { SeedGroup } from './seed-children';
import { ACTORS } from './seed-groups';
import { summarise, type MovementOutcome } from './group-summary';
import type { GroupSummary } from './summary';

export interface GroupRunContext {
  readonly apis: HomewardApis;
  readonly mailbox?: ReturnType<typeof createMailboxClient>;
  readonly runId: string;
  readonly concurrency: number;
  /** Commands on the group's movement in flight at once (seating family by family, boarding, handovers). */
  readonly movementConcurrency: number;
  readonly timeouts: ScenarioTimeouts;
  readonly progress: (line: string) => void;
}

// Each look is a few audited reads per child: often enough, without crowding out the work it waits for.
const OUTCOME_POLL_MS = 1_000;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * One flight's children through the public APIs, phase by phase (all
 * registered, then all files awaited, …) so that the Kafka hops of many
 * children overlap. A child that fails a step is recorded and skips the rest;
 * a sibling group's shared steps (linking, seating) fail the whole group.
 */
export async function runGroup(group: SeedGroup, context: GroupRunContext): Promise<GroupSummary> {
  const { apis, concurrency, timeouts, progress } = context;
  const journeys = group.children.map(startJourney);
  const families = familiesOf(journeys);
  const departureOf = () => group.flight.scheduledDeparture;
  const steps = childSteps(apis, timeouts, departureOf);
  const movement = movementSteps(apis, timeouts);
  const retries: AssignmentRetries = { consumerLag: 0, versionConflict: 0 };
  const started = Date.now();
  const durations = new Map<Step, number>();
  const log = (line: string) => progress(`[${group.key}] ${line}`);
  const active = () => journeys.filter((j) => !j.failure);

  const phase = async (step: Step, act: (journey: ChildJourney) => Promise<void>, limit = concurrency) => {
    const phaseStarted = Date.now();
    const acting = active();
    await mapWithConcurrency(acting, limit, async (journey) => {
      try {
        await act(journey);
        journey.reached.add(step);
      } catch (error) {
        journey.failure = `${step}: ${messageOf(error)}`;
      }
    });
    durations.set(step, Date.now() - phaseStarted);
    log(`${step}: ${acting.filter((j) => j.reached.has(step)).length}/${acting.length} in ${durations.get(step)} ms${failuresOf(acting)}`);
  };
  // What siblings do together, they fail together.
  const familyPhase = async (step: Step, act: (family: ChildJourney[]) => Promise<void>, limit = concurrency) => {
    const phaseStarted = Date.now();
    const acting = families.filter((f) => f.every((j) => !j.failure));
    for (const family of families.filter((f) => f.some((j) => j.failure))) {
      for (const journey of family.filter((j) => !j.failure)) journey.failure = `${step}: a sibling failed earlier (${family.find((j) => j.failure)!.child.ref})`;
    }
    await mapWithConcurrency(acting, limit, async (family) => {
      try {
        await act(family);
        for (const journey of family) journey.reached.add(step);
      } catch (error) {
        for (const journey of family) journey.failure = `${step}: ${messageOf(error)}`;
      }
    });
    durations.set(step, Date.now() - phaseStarted);
    log(`${step}: ${acting.filter((f) => f[0]!.reached.has(step)).length}/${acting.length} families in ${durations.get(step)} ms${failuresOf(acting.flat())}`);
  };

  /**
   * The whole flight in one request, as an officer seats a prepared list:
   * one write of the movement instead of one per family. Refused for a
   * reason other than lag, it is redone family by family, so that the
   * refusal lands on the children it concerns and the others still fly.
   */
  const seatGroup = async () => {
    const phaseStarted = Date.now();
    const ready = families.filter((f) => f.every((j) => !j.failure)).flat();
    if (ready.length > 0) {
      try {
        await movement.assign(ready, movementId(), retries);
        for (const journey of ready) journey.reached.add(Step.assigned);
        durations.set(Step.assigned, Date.now() - phaseStarted);
        log(`assigned: ${ready.length} children in one request in ${durations.get(Step.assigned)} ms`);
        return;
      } catch (error) {
        log(`assigned: the whole flight was refused (${messageOf(error)}); seating family by family`);
      }
    }
    await familyPhase(Step.assigned, (family) => movement.assign(family, movementId(), retries), context.movementConcurrency);
  };

  const outcome: MovementOutcome = { escortsPlanned: planEscorts(group), escortsAdded: 0 };
  try {
    outcome.movementId = (await apis.scheduleMovement(group.flight, ACTORS.logisticsOfficer)).movementId;
    const { flight } = group;
    log(`movement ${outcome.movementId} scheduled: ${flight.flightNumber} ${flight.departureAirport} → ${flight.arrivalAirport}, ${flight.seats} seats`);
    for (const escort of outcome.escortsPlanned.escorts) {
      await apis.addEscort(outcome.movementId, escort, ACTORS.logisticsOfficer);
      outcome.escortsAdded++;
    }
    log(`escorts: ${outcome.escortsAdded} added for ${outcome.escortsPlanned.children} children, ${outcome.escortsPlanned.infants} of them infants`);
  } catch (error) {
    outcome.problem = `movement not ready: ${messageOf(error)}`;
  }
  const movementId = () => {
    if (!outcome.movementId || outcome.problem) throw new Error(outcome.problem);
    return outcome.movementId;
  };

  await phase(Step.registered, steps.register);
  await familyPhase(Step.siblingsLinked, steps.linkSiblings);
  await phase(Step.legalFileOpened, steps.awaitLegalFile);
  await phase(Step.requirementsSatisfied, steps.satisfyRequirements);
  await phase(Step.clearanceRequested, steps.requestClearance);
  await phase(Step.cleared, steps.approveClearance);
  await phase(Step.inClearedPool, steps.awaitClearedPool);
  await seatGroup();

  if (!outcome.problem && outcome.movementId) {
    const manifestStarted = Date.now();
    const seated = active().filter((j) => j.reached.has(Step.assigned));
    try {
      outcome.manifest = await movement.checkManifest(seated, outcome.movementId);
    } catch (error) {
      outcome.manifestProblem = messageOf(error);
    }
    durations.set(Step.onManifest, Date.now() - manifestStarted);
    log(`onManifest: ${seated.filter((j) => j.reached.has(Step.onManifest)).length}/${seated.length} listed; ${outcome.manifestProblem ?? `CSV ${outcome.manifest?.csvRows} rows, PDF ${outcome.manifest?.pdfBytes} bytes`}`);
  }

  // Logistics runs a movement's commands one at a time: more in flight only queue there.
  await phase(Step.boarded, (journey) => movement.board(journey, movementId()), context.movementConcurrency);
  await flightLeg(outcome, 'departed', () => movement.depart(movementId()), log);
  await flightLeg(outcome, 'arrived', () => movement.arrive(movementId()), log);
  await phase(Step.handedOver, async (journey) => {
    if (!outcome.arrived) throw new Error(outcome.problem ?? 'the movement has not arrived');
    await movement.handOver(journey, movementId());
  }, context.movementConcurrency);

  const settledMs = await awaitOutcomes(journeys, context, (journey) => lookAtOutcome(apis, journey, movementId()));
  durations.set(Step.intakeClosed, settledMs);
  log(`e-mails and final states settled in ${settledMs} ms`);

  let mailbox: MailboxOutcome | undefined;
  if (context.mailbox) {
    mailbox = await awaitMailbox(context.mailbox, context.runId, journeys, timeouts.mailboxMs);
    log(`Mailpit holds ${mailbox.done}/${mailbox.of} expected e-mails`);
  }

  return summarise(group, journeys, families, { outcome, durations, retries, mailbox, totalMs: Date.now() - started });
}

/** The first few failures among `journeys`, for the progress line: a count alone hides the cause. */
function failuresOf(journeys: readonly ChildJourney[]): string {
  const failed = journeys.filter((j) => j.failure);
  if (failed.length === 0) return '';
  return `; failed: ${failed.slice(0, 3).map((j) => `${j.child.ref} (${j.failure})`).join('; ')}${failed.length > 3 ? ` and ${failed.length - 3} more` : ''}`;
}

/** Sibling groups (a child alone is a family of one), in the seed's order. */
function familiesOf(journeys: readonly ChildJourney[]): ChildJourney[][] {
  const byRef = new Map<string, ChildJourney[]>();
  for (const journey of journeys) byRef.set(journey.child.familyRef, [...(byRef.get(journey.child.familyRef) ?? []), journey]);
  return [...byRef.values()];
}

async function flightLeg(outcome: MovementOutcome, leg: 'departed' | 'arrived', act: () => Promise<unknown>, log: (line: string) => void) {
  if (outcome.problem) return;
  const started = Date.now();
  try {
    await act();
    outcome[leg] = Date.now() - started;
    log(`movement ${leg} in ${outcome[leg]} ms`);
  } catch (error) {
    outcome.problem = `movement not ${leg}: ${messageOf(error)}`;
  }
}

/**
 * Polls every handed-over child's e-mails and final states until all are
 * there or the deadline passes; then the children still short get a failure.
 */
async function awaitOutcomes(journeys: readonly ChildJourney[], context: GroupRunContext, look: (journey: ChildJourney) => Promise<string | undefined>): Promise<number> {
  const started = Date.now();
  const lastSeen = new Map<ChildJourney, string>();
  const settled = (j: ChildJourney) => [Step.emailsSent, Step.intakeClosed, Step.legalCleared, Step.logisticsHandedOver].every((s) => j.reached.has(s));
  for (;;) {
    const pending = journeys.filter((j) => !j.failure && j.reached.has(Step.handedOver) && !settled(j));
    if (pending.length === 0) break;
    if (Date.now() - started > context.timeouts.settledMs) {
      for (const journey of pending) journey.failure = `after ${context.timeouts.settledMs / 1000} s: ${lastSeen.get(journey) ?? 'not checked'}`;
      break;
    }
    await mapWithConcurrency(pending, context.concurrency, async (journey) => {
      try {
        const missing = await look(journey);
        if (missing) lastSeen.set(journey, missing);
      } catch (error) {
        journey.failure = `outcome: ${messageOf(error)}`;
      }
    });
    if (pending.some((j) => !j.failure && !settled(j))) await sleep(OUTCOME_POLL_MS);
  }
  return Date.now() - started;
}
