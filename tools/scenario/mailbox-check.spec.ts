import { startJourney, Step, type ChildJourney } from './child-journey';
import { awaitMailbox } from './mailbox-check';
import { seedGroups } from './seed-children';

// Three siblings sharing their guardians, and one more child.
const children = seedGroups('mb1')[0]!.children;
const siblings = children.filter((c) => c.familyRef === children[0]!.familyRef);
const other = children.find((c) => c.familyRef !== children[0]!.familyRef)!;
const grandmother = siblings[0]!.registration.guardians[0]!.email;

const journey = (child: (typeof children)[number], steps: Step[]): ChildJourney => {
  const j = startJourney(child);
  for (const step of steps) j.reached.add(step);
  return j;
};
const mailboxHolding = (counts: Record<string, number>) => ({ countByRecipient: async () => new Map(Object.entries(counts)) });
const countsFor = (journeys: ChildJourney[], perChild = 1) => {
  const counts: Record<string, number> = {};
  for (const j of journeys) for (const g of j.child.registration.guardians) counts[g.email] = (counts[g.email] ?? 0) + perChild;
  return counts;
};

describe('awaitMailbox', () => {
  const sent = [...siblings, other].map((c) => journey(c, [Step.assigned, Step.emailsSent]));

  it('is satisfied when every guardian holds one e-mail per seated child', async () => {
    const outcome = await awaitMailbox(mailboxHolding(countsFor(sent)), 'mb1', sent, 1_000);
    expect(outcome.problems).toEqual([]);
    expect(outcome.done).toBe(outcome.of);
    expect(countsFor(sent)[grandmother]).toBe(siblings.length);
  });

  it('reports a duplicate at once, without waiting for the deadline', async () => {
    const started = Date.now();
    const outcome = await awaitMailbox(mailboxHolding(countsFor(sent, 2)), 'mb1', sent, 5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(outcome.problems).toContain(`${grandmother}: ${2 * siblings.length} e-mail(s), expected ${siblings.length}`);
  });

  it('reports an e-mail reported sent that never arrived, after the deadline', async () => {
    const counts = countsFor(sent);
    counts[grandmother]! -= 1;
    const outcome = await awaitMailbox(mailboxHolding(counts), 'mb1', sent, 300);
    expect(outcome.problems).toEqual([`${grandmother}: ${siblings.length - 1} e-mail(s), expected ${siblings.length}`]);
  });

  it('accepts, but does not require, e-mails for seats logistics answered and later lost', async () => {
    const lostSeat = [journey(siblings[0]!, [Step.assigned]), ...siblings.slice(1).map((c) => journey(c, [Step.assigned, Step.emailsSent]))];
    const withIt = await awaitMailbox(mailboxHolding(countsFor(lostSeat)), 'mb1', lostSeat, 300);
    expect(withIt.problems).toEqual([]);
    const without = await awaitMailbox(mailboxHolding(countsFor(lostSeat.slice(1))), 'mb1', lostSeat, 300);
    expect(without.problems).toEqual([]);
  });
});
