import { MongoClient } from 'mongodb';
import { actingAs, expectEventually, serviceNames, testServers, testToken } from '@homeward/testing';
// The seed scenario is a tool; the end-to-end test runs it in-process against
// its own stack, as `npm run scenario` runs it against the default one, to read
// its summary rather than parse its output.
import { formatSummary, newRunId, READERS, runSeedScenario, sampleGroup, seedGroups, type ScenarioSummary, type SeedGroup } from '@homeward/scenario';
import { startTestStack, type TestStack } from './skeleton-stack';

/**
 * How much of the seed the test flies. By default (`sample`) twelve children
 * of the first flight, whole families chosen to have every kind of child
 * (sibling groups, infants, one who needs a medical escort, a child alone):
 * every step of the scenario in about a minute. The whole first flight
 * (`HOMEWARD_E2E_SEED=first-flight`, 33 children) or both flights (`all`, 63)
 * take minutes; `npm run scenario` flies both.
 */
const SEED = process.env['HOMEWARD_E2E_SEED'] ?? 'sample';
const SAMPLE_SIZE = 12;

function flights(runId: string): SeedGroup[] {
  const [first, second] = seedGroups(runId);
  if (SEED === 'all') return [first!, second!];
  if (SEED === 'first-flight') return [first!];
  if (SEED === 'sample') return [sampleGroup(first!, SAMPLE_SIZE)];
  throw new RangeError(`HOMEWARD_E2E_SEED must be sample, first-flight or all, not '${SEED}'`);
}

interface FinalState {
  intakeStage: unknown;
  legalStatus: unknown;
  logistics: { movementId: unknown; passengerStatus: unknown };
  passengerStatus: unknown;
}

describe('the seed scenario end to end', () => {
  let stack: TestStack;
  let summary: ScenarioSummary;
  const runId = newRunId();
  const groups = flights(runId);

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    if (!stack) return;
    const codes = await stack.stop();
    const mongo = await MongoClient.connect(testServers.mongoUrl);
    await Promise.all(Object.values(stack.databases).map((db) => mongo.db(db).dropDatabase()));
    await mongo.close();
    expect(codes).toEqual(Object.fromEntries(serviceNames.map((n) => [n, 0])));
  });

  it(`hands over every child (${SEED}: ${groups.reduce((n, g) => n + g.children.length, 0)}) through the public APIs`, async () => {
    const { intake, legal, logistics, notification } = stack.services;
    const progress: string[] = [];
    summary = await runSeedScenario({
      // Each step as the person whose role it needs, with a token of the test issuer the stack trusts.
      accessToken: (actor) => testToken({ sub: actor.userId, roles: actor.roles ?? [] }),
      urls: { intake: intake.url, legal: legal.url, logistics: logistics.url, notification: notification.url, mailpit: testServers.mailpitUrl },
      runId,
      groups,
      onProgress: (line) => progress.push(line),
    });
    // The whole table on failure: which child stopped where, and why, and how long each phase took.
    if (!summary.ok) throw new Error(`${progress.join('\n')}\n\n${formatSummary(summary)}`);
    const children = groups.reduce((n, g) => n + g.children.length, 0);
    expect(summary.groups.reduce((n, g) => n + g.handedOver.done, 0)).toBe(children);
    for (const group of summary.groups) {
      expect(group.intakeClosed).toMatchObject({ done: group.children, of: group.children });
      expect(group.mailbox?.problems).toEqual([]);
    }
  }, SEED === 'sample' ? 120_000 : 900_000);

  it('leaves intake, legal and logistics agreeing on every child: closed, cleared, handed over on its flight', async () => {
    expect(summary?.ok).toBe(true);
    const { intake, legal, logistics } = stack.services;
    const read = async (url: string, reader: keyof typeof READERS) => {
      const res = await fetch(url, { headers: actingAs(READERS[reader].userId, READERS[reader].roles) });
      expect(res.status).toBe(200);
      return (await res.json()) as Record<string, unknown>;
    };
    for (const group of summary.groups) {
      const movement = await read(`${logistics.url}/movements/${group.movementId}`, 'logistics');
      expect(movement['status']).toBe('arrived');
      const passengers = new Map((movement['passengers'] as { caseId: string; status: string }[]).map((p) => [p.caseId, p.status]));
      expect(passengers.size).toBe(group.children);
      const states = new Map<string, FinalState>();
      await Promise.all(
        group.cases.map(async ({ ref, caseId }) => {
          expect(caseId).toBeDefined();
          const [intakeCase, legalFile, logisticsCase] = await Promise.all([
            read(`${intake.url}/cases/${caseId}`, 'intake'),
            read(`${legal.url}/legal-files/${caseId}`, 'legal'),
            read(`${logistics.url}/cases/${caseId}`, 'logistics'),
          ]);
          states.set(ref, {
            intakeStage: intakeCase['stage'],
            legalStatus: legalFile['status'],
            logistics: { movementId: logisticsCase['movementId'], passengerStatus: logisticsCase['passengerStatus'] },
            passengerStatus: passengers.get(caseId!),
          });
        }),
      );
      const expected: FinalState = {
        intakeStage: 'closed',
        legalStatus: 'cleared',
        logistics: { movementId: group.movementId, passengerStatus: 'handed-over' },
        passengerStatus: 'handed-over',
      };
      // One map of every child, so that a disagreement names the child and the service.
      expect(Object.fromEntries(states)).toEqual(Object.fromEntries(group.cases.map(({ ref }) => [ref, expected])));
    }
  });

  it('keeps each sibling group linked in intake', async () => {
    expect(summary?.ok).toBe(true);
    const { intake } = stack.services;
    for (const group of summary.groups) {
      const families = new Map<string, string[]>();
      for (const { familyRef, caseId } of group.cases) families.set(familyRef, [...(families.get(familyRef) ?? []), caseId!]);
      for (const members of [...families.values()].filter((f) => f.length > 1)) {
        await expectEventually(async () => {
          const linked = (await (await fetch(`${intake.url}/cases/${members[0]}`, { headers: actingAs(READERS.intake.userId, READERS.intake.roles) })).json()) as {
            siblingCaseIds: string[];
          };
          expect([...linked.siblingCaseIds].sort()).toEqual(members.slice(1).sort());
        });
      }
    }
  });
});
