import { mapWithConcurrency } from './bounded-concurrency';
import { journeySteps, startJourney, Step, type AssignmentRetries, type ChildJourney } from './child-journey';
import type { HomewardApis } from './homeward-apis';
import { awaitMailbox, type MailboxOutcome } from './mailbox-check';
import type { createMailboxClient } from './mailbox-client';
import type { ScenarioTimeouts } from './scenario-options';
import type { SeedGroup } from './seed-children';
import { sleep } from './retry';
import type { GroupSummary, StepOutcome } from './summary';

export interface GroupRunContext {
  readonly apis: HomewardApis;
  readonly mailbox?: ReturnType<typeof createMailboxClient>;
  readonly runId: string;
  readonly concurrency: number;
  readonly assignmentConcurrency: number;
  readonly timeouts: ScenarioTimeouts;
  readonly progress: (line: string) => void;
}

const OUTCOME_POLL_MS = 200;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * One flight's children through the public APIs, phase by phase (all
 * registered, then all files awaited, …) so that the Kafka hops of many
 * children overlap. A child that fails a step is recorded and skips the rest.
 */
export async function runGroup(group: SeedGroup, context: GroupRunContext): Promise<GroupSummary> {
  const { apis, concurrency, timeouts, progress } = context;
  const steps = journeySteps(apis, timeouts);
  const journeys = group.children.map(startJourney);
  const retries: AssignmentRetries = { caseNotYetCleared: 0, versionConflict: 0 };
  const started = Date.now();
  const durations = new Map<Step, number>();
  const log = (line: string) => progress(`[${group.key}] ${line}`);

  const phase = async (step: Step, act: (journey: ChildJourney) => Promise<void>, limit = concurrency) => {
    const phaseStarted = Date.now();
    const active = journeys.filter((j) => !j.failure);
    await mapWithConcurrency(active, limit, async (journey) => {
      try {
        await act(journey);
        journey.reached.add(step);
      } catch (error) {
        journey.failure = `${step}: ${messageOf(error)}`;
      }
    });
    durations.set(step, Date.now() - phaseStarted);
    log(`${step}: ${active.filter((j) => j.reached.has(step)).length}/${active.length} in ${durations.get(step)} ms`);
  };

  const { flight } = group;
  let movementId: string | undefined;
  let movementProblem: string | undefined;
  try {
    movementId = (await apis.scheduleMovement(flight)).movementId;
    log(`movement ${movementId} scheduled: ${flight.flightNumber} ${flight.departureAirport} → ${flight.arrivalAirport}, ${flight.seats} seats`);
  } catch (error) {
    movementProblem = `movement not scheduled: ${messageOf(error)}`;
  }

  await phase(Step.registered, steps.register);
  await phase(Step.legalFileOpened, steps.awaitLegalFile);
  await phase(Step.cleared, steps.approveClearance);
  await phase(Step.assigned, async (journey) => {
    if (!movementId) throw new Error(movementProblem);
    await steps.assignSeat(journey, movementId, retries);
  }, context.assignmentConcurrency);

  if (movementId) {
    const manifestStarted = Date.now();
    const seated = journeys.filter((j) => !j.failure && j.reached.has(Step.assigned));
    try {
      await steps.checkManifest(seated, movementId);
    } catch (error) {
      for (const journey of seated) journey.failure = `onManifest: ${messageOf(error)}`;
    }
    durations.set(Step.onManifest, Date.now() - manifestStarted);
    log(`onManifest: ${seated.filter((j) => j.reached.has(Step.onManifest)).length}/${seated.length} listed on the movement with their seat`);
  }

  const outcomeMs = await awaitOutcomes(journeys, context, steps.lookAtOutcome);
  durations.set(Step.emailsSent, outcomeMs);
  log(`e-mails and intake stages settled in ${outcomeMs} ms`);

  let mailbox: MailboxOutcome | undefined;
  if (context.mailbox) {
    mailbox = await awaitMailbox(context.mailbox, context.runId, journeys, timeouts.mailboxMs);
    log(`Mailpit holds ${mailbox.done}/${mailbox.of} expected e-mails`);
  }

  return summarise(group, journeys, { movementId, durations, retries, mailbox, totalMs: Date.now() - started });
}

/**
 * Polls every seated child's e-mails and intake stage until all are there
 * or the deadline passes; then the children still short get a failure.
 */
async function awaitOutcomes(
  journeys: readonly ChildJourney[],
  context: GroupRunContext,
  look: (journey: ChildJourney) => Promise<string | undefined>,
): Promise<number> {
  const started = Date.now();
  const lastSeen = new Map<ChildJourney, string>();
  const settled = (j: ChildJourney) => j.reached.has(Step.emailsSent) && j.reached.has(Step.intakeAssigned);
  for (;;) {
    const pending = journeys.filter((j) => !j.failure && j.reached.has(Step.onManifest) && !settled(j));
    if (pending.length === 0) break;
    if (Date.now() - started > context.timeouts.notifiedMs) {
      for (const journey of pending) journey.failure = `after ${context.timeouts.notifiedMs / 1000} s: ${lastSeen.get(journey) ?? 'not checked'}`;
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

function summarise(
  group: SeedGroup,
  journeys: readonly ChildJourney[],
  run: { movementId?: string; durations: Map<Step, number>; retries: AssignmentRetries; mailbox?: MailboxOutcome; totalMs: number },
): GroupSummary {
  const count = (step: Step): StepOutcome => ({
    done: journeys.filter((j) => j.reached.has(step)).length,
    of: journeys.length,
    ms: run.durations.get(step),
  });
  const guardiansOf = (j: ChildJourney) => j.child.registration.guardians.length;
  const { flight } = group;
  return {
    key: group.key,
    label: group.label,
    flight: `${flight.flightNumber} ${flight.departureAirport} → ${flight.arrivalAirport} ${flight.scheduledDeparture.slice(0, 16).replace('T', ' ')}Z`,
    movementId: run.movementId,
    children: journeys.length,
    registered: count(Step.registered),
    legalFilesOpened: count(Step.legalFileOpened),
    cleared: count(Step.cleared),
    assigned: count(Step.assigned),
    onManifest: count(Step.onManifest),
    emailsSent: {
      done: journeys.reduce((n, j) => n + j.emailsSent, 0),
      of: journeys.reduce((n, j) => n + guardiansOf(j), 0),
      ms: run.durations.get(Step.emailsSent),
    },
    intakeAssigned: { done: journeys.filter((j) => j.reached.has(Step.intakeAssigned)).length, of: journeys.length },
    mailbox: run.mailbox,
    retries: run.retries,
    totalMs: run.totalMs,
    incomplete: journeys
      .filter((j) => j.failure || !Object.values(Step).every((step) => j.reached.has(step)))
      .map((j) => ({ ref: j.child.ref, caseId: j.caseId, missing: j.failure ?? 'not every step reached' })),
  };
}
