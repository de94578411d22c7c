import { headerText } from '@homeward/messaging';
import { readTopicMessages, topicEnds, type TopicMessage } from '../chaos/topic-reader';
import { mapWithConcurrency } from '../scenario/bounded-concurrency';
import { registration } from './bench-children';
import { mailCount } from './bench-mailbox';
import { runGroups, waitUntilQuiet, type RunGroup } from './bench-groups';
import type { BenchStack } from './bench-stack';

export interface ThroughputResult {
  readonly cases: number;
  readonly accepted: number;
  /** Records appended to the four event topics by the phase. */
  readonly events: number;
  /** Records handed to consumer groups (an event read by four groups counts four times). */
  readonly deliveries: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly deliveriesPerSecond: number;
  /** Events by type: what the pipeline spends its hops on. */
  readonly byType: Record<string, number>;
  /** Consumer lag left when the drain deadline passed (0: every group read everything). */
  readonly lagLeft: number;
}

export interface ThroughputRun {
  readonly result: ThroughputResult;
  /** The phase's records and the groups that read them: the null pipeline replays these hops. */
  readonly records: readonly TopicMessage[];
  readonly groups: readonly RunGroup[];
}

/**
 * `cases` registrations sent as fast as intake takes them (`concurrency` in
 * flight), then everything they cause in every service: the phase ends when
 * every group of the run has read every event, and its time runs from the
 * first request to the broker's append time of the last event it caused.
 */
export async function throughputPhase(stack: BenchStack, tag: string, first: number, cases: number, concurrency: number, drainMs: number, log: (line: string) => void): Promise<ThroughputRun> {
  const from = new Map(await Promise.all(stack.topics.map(async (t) => [t, await topicEnds(stack.kafka, t)] as const)));
  const started = Date.now();
  const answers = await mapWithConcurrency(Array.from({ length: cases }, (_x, n) => n), concurrency, (n) =>
    stack.request('POST', `${stack.urls.intake}/cases`, registration(stack.programmeId, tag, first + n)).then((a) => a.status, () => 0),
  );
  const accepted = answers.filter((s) => s === 201).length;
  log(`  ${accepted} of ${cases} registrations accepted in ${((Date.now() - started) / 1000).toFixed(1)} s; waiting until every group has read everything`);
  const topicSet = new Set(stack.topics);
  const groupsNow = async () => (await runGroups(stack.kafka, stack.services.groups)).map((g) => g.group);
  // Every guardian e-mailed: the longest chain of the registration has reached its end.
  const mailed = async () => (await mailCount(stack.urls.mailpit, tag)) >= accepted;
  const lagLeft = await waitUntilQuiet(stack.kafka, groupsNow, topicSet, Date.now() + drainMs, log, mailed);
  const records = (await Promise.all(stack.topics.map((t) => readTopicMessages(stack.kafka, t, 300_000, from.get(t))))).flat();
  const groups = await runGroups(stack.kafka, stack.services.groups);
  const lastAppend = Math.max(...records.map((r) => Number(r.message.timestamp)));
  const seconds = Math.max(0.001, (lastAppend - started) / 1000);
  const deliveries = records.reduce((n, r) => n + groups.filter((g) => g.topics.includes(r.topic)).length, 0);
  const byType: Record<string, number> = {};
  for (const r of records) {
    const type = headerText(r.message.headers, 'ce_type') ?? '(none)';
    byType[type] = (byType[type] ?? 0) + 1;
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    result: {
      cases,
      accepted,
      events: records.length,
      deliveries,
      seconds: round(seconds),
      eventsPerSecond: round(records.length / seconds),
      deliveriesPerSecond: round(deliveries / seconds),
      byType,
      lagLeft,
    },
    records,
    groups,
  };
}
