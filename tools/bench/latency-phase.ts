import { headerText } from '@homeward/messaging';
import { readTopicMessages, topicEnds } from '../chaos/topic-reader';
import { sleep } from '../scenario/retry';
import { guardianAddress, registration } from './bench-children';
import { firstArrivals, mailCount } from './bench-mailbox';
import type { BenchStack } from './bench-stack';
import { percentiles, type Percentiles } from './percentiles';

export interface LatencyResult {
  readonly offeredPerSecond: number;
  /** The rate the registrations really went out at (the sender's own pace on a loaded machine). */
  readonly sentPerSecond: number;
  readonly cases: number;
  readonly accepted: number;
  readonly delivered: number;
  readonly complete: boolean;
  /** Intake's answer to the guardian's e-mail accepted by Mailpit. */
  readonly endToEndMs: Percentiles;
  /** The registration's event time (set by intake as it commits) to Kafka's append time of its record (LogAppendTime). */
  readonly relayMs: Percentiles;
  /** Time to intake's answer, from the request sent. */
  readonly apiMs: Percentiles;
}

interface Sent {
  readonly n: number;
  readonly sentAt: number;
  readonly acceptedAt?: number;
}

/**
 * `cases` registrations offered open loop at `rate` per second (each sent at
 * its time whether or not the ones before were answered), then the e-mail
 * each guardian gets at registration awaited in Mailpit.
 */
export async function latencyPhase(stack: BenchStack, tag: string, rate: number, cases: number, drainMs: number, log: (line: string) => void): Promise<LatencyResult> {
  const intakeTopic = stack.topics[0]!;
  const from = await topicEnds(stack.kafka, intakeTopic);
  const started = Date.now();
  const pending: Promise<Sent>[] = [];
  for (let n = 0; n < cases; n++) {
    const due = started + (n * 1_000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    const sentAt = Date.now();
    pending.push(
      stack.request('POST', `${stack.urls.intake}/cases`, registration(stack.programmeId, tag, n)).then(
        (a) => (a.status === 201 ? { n, sentAt, acceptedAt: a.answeredAt } : { n, sentAt }),
        () => ({ n, sentAt }),
      ),
    );
  }
  const lastSent = Date.now();
  const sent = await Promise.all(pending);
  const accepted = sent.filter((s) => s.acceptedAt !== undefined);
  log(`  ${cases} registrations offered at ${rate}/s in ${((lastSent - started) / 1000).toFixed(1)} s, ${accepted.length} accepted; waiting for the guardians' e-mails`);

  const deadline = Date.now() + drainMs;
  let count = 0;
  while ((count = await mailCount(stack.urls.mailpit, tag)) < accepted.length && Date.now() < deadline) await sleep(1_000);
  const arrivals = await firstArrivals(stack.urls.mailpit, tag);
  const endToEnd: number[] = [];
  for (const s of accepted) {
    const at = arrivals.get(guardianAddress(tag, s.n));
    if (at !== undefined) endToEnd.push(at - s.acceptedAt!);
  }
  log(`  ${count} e-mails in Mailpit for ${accepted.length} registrations`);

  // Only this phase registers while it runs: every registration in the window is one of its own.
  const relay: number[] = [];
  for (const { message } of await readTopicMessages(stack.kafka, intakeTopic, 180_000, from)) {
    const type = headerText(message.headers, 'ce_type') ?? '';
    const time = headerText(message.headers, 'ce_time');
    if (!type.startsWith('case.registered.') || !time) continue;
    relay.push(Number(message.timestamp) - Date.parse(time));
  }
  return {
    offeredPerSecond: rate,
    sentPerSecond: Math.round((cases / Math.max(0.001, (lastSent - started) / 1000)) * 10) / 10,
    cases,
    accepted: accepted.length,
    delivered: endToEnd.length,
    complete: accepted.length === cases && endToEnd.length === cases,
    endToEndMs: percentiles(endToEnd),
    relayMs: percentiles(relay),
    apiMs: percentiles(accepted.map((s) => s.acceptedAt! - s.sentAt)),
  };
}
