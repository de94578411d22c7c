import type { HomewardApis } from '../scenario/homeward-apis';
import { mapWithConcurrency } from '../scenario/bounded-concurrency';
import { sleep } from '../scenario/retry';
import type { SeedChild } from '../scenario/seed-children';

export const ChaosService = ['intake', 'legal', 'logistics', 'notification'] as const;
export type ChaosService = (typeof ChaosService)[number];

export interface CaseOutcome {
  readonly ref: string;
  readonly caseId?: string;
  /** Services in which the case reached its final state. */
  readonly final: Set<ChaosService>;
  /** Sent deliveries per guardian address (notification's own record), and how many records per (guardian, milestone). */
  readonly sentTo: Map<string, number>;
  duplicateDeliveries: number;
}

/**
 * Where each case ended in each service: intake `closed`, legal `cleared`,
 * logistics `handed-over`, notification an `assigned` e-mail sent to every
 * guardian. Polls until all are final or `timeoutMs` passes.
 */
export async function finalStates(
  apis: HomewardApis,
  cases: readonly { child: SeedChild; caseId?: string }[],
  timeoutMs: number,
  log: (line: string) => void = () => undefined,
): Promise<CaseOutcome[]> {
  const outcomes: CaseOutcome[] = cases.map(({ child, caseId }) => ({ ref: child.ref, caseId, final: new Set(), sentTo: new Map(), duplicateDeliveries: 0 }));
  // By position: every batch of the chaos run repeats the seed's refs (g1-c01 …).
  const childOf = new Map(outcomes.map((outcome, i) => [outcome, cases[i]!.child]));
  const deadline = Date.now() + timeoutMs;
  let lastLog = Date.now();
  for (;;) {
    const pending = outcomes.filter((o) => o.caseId && o.final.size < ChaosService.length);
    await mapWithConcurrency(pending, 16, async (outcome) => {
      const caseId = outcome.caseId!;
      const child = childOf.get(outcome)!;
      const [intake, legal, logistics, deliveries] = await Promise.all([
        apis.getCase(caseId),
        apis.getLegalFile(caseId),
        apis.getLogisticsCase(caseId),
        apis.getDeliveries(caseId),
      ]);
      if (intake.stage === 'closed') outcome.final.add('intake');
      if (legal.status === 'cleared') outcome.final.add('legal');
      if (logistics.passengerStatus === 'handed-over') outcome.final.add('logistics');
      // Intake answers with the guardians' names, not their addresses (and may
      // order them otherwise than the registration did): match by name.
      const nameKey = (name: { given: string; family: string }) => `${name.given}\u0000${name.family}`.toLowerCase();
      const registered = new Map(child.registration.guardians.map((g) => [nameKey(g.name), g.email.toLowerCase()]));
      const addressOf = new Map(intake.personal.guardians.map((g) => [g.guardianId, registered.get(nameKey(g.name)) ?? g.guardianId]));
      const sent = deliveries.filter((d) => d.status === 'sent');
      outcome.sentTo.clear();
      for (const d of sent) outcome.sentTo.set(addressOf.get(d.guardianId) ?? d.guardianId, (outcome.sentTo.get(addressOf.get(d.guardianId) ?? d.guardianId) ?? 0) + 1);
      const keys = deliveries.map((d) => `${d.guardianId}/${d.milestone}`);
      outcome.duplicateDeliveries = keys.length - new Set(keys).size;
      const assignedSent = new Set(sent.filter((d) => d.milestone === 'assigned').map((d) => d.guardianId));
      if (intake.personal.guardians.every((g) => assignedSent.has(g.guardianId))) outcome.final.add('notification');
    });
    if (outcomes.every((o) => !o.caseId || o.final.size === ChaosService.length) || Date.now() > deadline) return outcomes;
    if (Date.now() - lastLog > 30_000) {
      lastLog = Date.now();
      log(`final states so far: ${ChaosService.map((s) => `${s} ${outcomes.filter((o) => o.final.has(s)).length}`).join(', ')} of ${outcomes.filter((o) => o.caseId).length} cases`);
    }
    await sleep(2_000);
  }
}
