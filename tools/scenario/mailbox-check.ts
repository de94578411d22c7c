import { Step, type ChildJourney } from './child-journey';
import type { createMailboxClient } from './mailbox-client';
import { sleep } from './retry';
import type { StepOutcome } from './summary';

export type MailboxOutcome = StepOutcome & { readonly problems: readonly string[] };

/** E-mails an address must hold (reported sent) and may hold (every seat logistics answered, even one it lost later). */
interface Expected {
  min: number;
  max: number;
}

interface Mismatch {
  readonly address: string;
  readonly got: number;
  readonly expected: Expected;
}

const POLL_MS = 250;
/** The e-mail counted: one per seated child (the guardians get others, for the other milestones, too). */
const ASSIGNED_MILESTONE = 'assigned';

function expectedPerAddress(journeys: readonly ChildJourney[]): Map<string, Expected> {
  const expected = new Map<string, Expected>();
  for (const journey of journeys.filter((j) => j.reached.has(Step.assigned))) {
    for (const guardian of journey.child.registration.guardians) {
      const address = guardian.email.toLowerCase();
      const entry = expected.get(address) ?? { min: 0, max: 0 };
      if (journey.reached.has(Step.emailsSent)) entry.min++;
      entry.max++;
      expected.set(address, entry);
    }
  }
  return expected;
}

const describe = (m: Mismatch) =>
  `${m.address}: ${m.got} e-mail(s), expected ${m.expected.min === m.expected.max ? m.expected.min : `${m.expected.min}–${m.expected.max}`}`;

/**
 * What the guardians would find in their inboxes: one seat e-mail (the
 * `assigned` milestone) per seated child (a grandmother of three siblings gets three). Fewer than the
 * notification service reported sent means an e-mail never arrived; more
 * than the children seated, a duplicate send.
 */
export async function awaitMailbox(
  mailbox: ReturnType<typeof createMailboxClient>,
  runId: string,
  journeys: readonly ChildJourney[],
  timeoutMs: number,
): Promise<MailboxOutcome> {
  const expected = expectedPerAddress(journeys);
  const of = [...expected.values()].reduce((sum, e) => sum + e.min, 0);
  const started = Date.now();
  for (;;) {
    let done = 0;
    let searchError: string | undefined;
    const mismatches: Mismatch[] = [];
    try {
      const found = await mailbox.countByRecipient(runId, ASSIGNED_MILESTONE);
      for (const [address, want] of expected) {
        const got = found.get(address) ?? 0;
        done += Math.min(got, want.min);
        if (got < want.min || got > want.max) mismatches.push({ address, got, expected: want });
      }
    } catch (error) {
      searchError = error instanceof Error ? error.message : String(error);
    }
    // A shortfall may still arrive; a surplus will not go away by waiting.
    const worthWaiting = (searchError !== undefined || mismatches.length > 0) && !mismatches.some((m) => m.got > m.expected.max);
    if (!worthWaiting || Date.now() - started >= timeoutMs) {
      const problems = [
        ...(searchError ? [`search failed: ${searchError}`] : []),
        ...mismatches.map(describe),
      ];
      return { done, of, ms: Date.now() - started, problems };
    }
    await sleep(POLL_MS);
  }
}
