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
  /**
   * The relay's share, from above: the registration's event time (stamped by
   * intake just before its commit) to Kafka's append time of its record
   * (LogAppendTime). Includes the commit itself.
   */
  readonly relayMs: Percentiles;
  /** The relay's share, from below: intake's answer (after the commit) to the append; negative when the record was appended before the answer arrived. */
  readonly relayAfterAnswerMs: Percentiles;
  /** Time to intake's answer, from the request sent. */
  readonly apiMs: Percentiles;
}

interface Sent {
  readonly n: number;
  readonly sentAt: number;
  readonly acceptedAt?: number;
  readonly caseId?: string;
}

/**
 * `cases` registrations offered open loop at `rate` per second (each sent at
 * its time whether or not the ones before were answered), then the e-mail
 * each guardian gets at registration awaited in Mailpit.
 */
export async function latencyPhase(stack: BenchStack, tag: string, first: number, rate: number, cases: number, drainMs: number, log: (line: string) => void): Promise<LatencyResult> {
  const intakeTopic = stack.topics[0]!;
  const from = await topicEnds(stack.kafka, intakeTopic);
  const started = Date.now();
  const pending: Promise<Sent>[] = [];
  for (let n = 0; n < cases; n++) {
    const due = started + (n * 1_000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    const sentAt = Date.now();
    pending.push(
      stack.request('POST', `${stack.urls.intake}/cases`, registration(stack.programmeId, tag, first + n)).then(
        (a) => (a.status === 201 ? { n, sentAt, acceptedAt: a.answeredAt, caseId: String(a.body['caseId']) } : { n, sentAt }),
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
    const at = arrivals.get(guardianAddress(tag, first + s.n));
    if (at !== undefined) endToEnd.push(at - s.acceptedAt!);
  }
  log(`  ${count} e-mails in Mailpit for ${accepted.length} registrations`);

  // Only this phase registers while it runs: every registration in the window is one of its own.
  const relay: number[] = [];
  const afterAnswer: number[] = [];
  const answeredAt = new Map(accepted.map((s) => [s.caseId, s.acceptedAt!]));
  for (const { message } of await readTopicMessages(stack.kafka, intakeTopic, 180_000, from)) {
    const type = headerText(message.headers, 'ce_type') ?? '';
    const time = headerText(message.headers, 'ce_time');
    if (!type.startsWith('case.registered.') || !time) continue;
    relay.push(Number(message.timestamp) - Date.parse(time));
    // The record's key and subject is the case id.
    const answer = answeredAt.get(message.key?.toString('utf8'));
    if (answer !== undefined) afterAnswer.push(Number(message.timestamp) - answer);
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
    relayAfterAnswerMs: percentiles(afterAnswer),
    apiMs: percentiles(accepted.map((s) => s.acceptedAt! - s.sentAt)),
  };
}
