import { isApiFailure } from './api-client';
import { createHomewardApis, type HomewardApis, type ServiceName } from './homeward-apis';
import { createMailboxClient } from './mailbox-client';
import { runGroup } from './run-group';
import { pollUntil, reached, notYet } from './retry';
import { checkRunId, DEFAULT_CONCURRENCY, DEFAULT_MOVEMENT_CONCURRENCY, DEFAULT_TIMEOUTS, newRunId, type ScenarioOptions, type ScenarioTimeouts } from './scenario-options';
import { seedGroups } from './seed-children';
import { ACTORS, PROGRAMME } from './seed-groups';
import type { GroupSummary, ScenarioSummary } from './summary';

const SERVICES: readonly ServiceName[] = ['intake', 'legal', 'logistics', 'notification'];

/**
 * The seed report end to end through the services' public APIs only: the
 * programme, then for each flight its children registered and linked with
 * their siblings, every legal requirement satisfied and the clearance given by
 * two people, the movement with its escorts, seats, manifests, boarding,
 * departure, arrival and the handover of every child to a guardian; finally
 * the e-mails and the final state each service holds. Never throws for a
 * failed child: the summary says what completed and what is missing.
 */
export async function runSeedScenario(options: ScenarioOptions): Promise<ScenarioSummary> {
  const started = Date.now();
  const runId = checkRunId(options.runId ?? newRunId());
  const timeouts: ScenarioTimeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const progress = options.onProgress ?? (() => {});
  const apis = createHomewardApis(options.urls, { accessToken: options.accessToken, requestIdPrefix: `scenario-${runId}`, timeoutMs: timeouts.requestMs });
  const mailpitUi = options.urls.mailpit.replace(/\/+$/, '');
  const base = { runId, programmeId: PROGRAMME.programmeId, mailpitUi };

  const notReady = await servicesNotReady(apis, timeouts.readyMs);
  if (notReady.length > 0) {
    return { ...base, ok: false, totalMs: Date.now() - started, groups: [], problems: notReady };
  }

  const programmeProblem = await ensureProgramme(apis);
  if (programmeProblem) {
    return { ...base, ok: false, totalMs: Date.now() - started, groups: [], problems: [programmeProblem] };
  }
  progress(`programme ${PROGRAMME.programmeId}: ${PROGRAMME.originState} → ${PROGRAMME.destinationState}, children only`);

  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const context = {
    apis,
    mailbox: options.checkMailbox === false ? undefined : createMailboxClient(options.urls.mailpit),
    runId,
    concurrency,
    movementConcurrency: options.movementConcurrency ?? DEFAULT_MOVEMENT_CONCURRENCY,
    timeouts,
    progress,
  };
  const groups: GroupSummary[] = [];
  for (const group of options.groups ?? seedGroups(runId)) {
    progress(`[${group.key}] ${group.label}: ${group.children.length} children`);
    groups.push(await runGroup(group, context));
  }

  const problems = groups.filter((g) => !g.movementId).map((g) => `${g.label}: the movement was not scheduled`);
  const ok =
    problems.length === 0 &&
    groups.length > 0 &&
    groups.every((g) => g.problems.length === 0 && g.incomplete.length === 0 && (g.mailbox === undefined || g.mailbox.problems.length === 0));
  return { ...base, ok, totalMs: Date.now() - started, groups, problems };
}

/** Creates the programme; one that exists already (409, a re-run) is fine. Returns a problem, or undefined. */
async function ensureProgramme(apis: HomewardApis): Promise<string | undefined> {
  try {
    await apis.createProgramme(PROGRAMME, ACTORS.supervisor);
    return undefined;
  } catch (error) {
    if (isApiFailure(error, 409)) return undefined;
    return `programme ${PROGRAMME.programmeId} not created: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Each service's readiness, awaited briefly (a service just started may still be connecting). */
async function servicesNotReady(apis: HomewardApis, timeoutMs: number): Promise<string[]> {
  const results = await Promise.all(
    SERVICES.map(async (service) => {
      try {
        await pollUntil(
          `${service} ready`,
          async () => {
            try {
              return reached(await apis.ready(service));
            } catch (error) {
              return notYet(error instanceof Error ? error.message : String(error));
            }
          },
          { timeoutMs, maxDelayMs: 1_000 },
        );
        return undefined;
      } catch (error) {
        return `${service} is not ready: ${error instanceof Error ? error.message : String(error)}`;
      }
    }),
  );
  return results.filter((r): r is string => r !== undefined);
}
