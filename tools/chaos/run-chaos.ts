import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { deadLetterTopic, Topic } from '@homeward/contracts';
import { createKafka, DeadLetterAdmin, physicalTopic, type DeadLetter } from '@homeward/messaging';
import { serviceNames } from '@homeward/testing';
import { isApiFailure } from '../scenario/api-client';
import { mapWithConcurrency } from '../scenario/bounded-concurrency';
import { createHomewardApis } from '../scenario/homeward-apis';
import { chaosAccessToken } from './chaos-auth';
import { createMailboxClient } from '../scenario/mailbox-client';
import { sleep } from '../scenario/retry';
import { runGroup } from '../scenario/run-group';
import { newRunId } from '../scenario/scenario-options';
import { ACTORS, PROGRAMME } from '../scenario/seed-groups';
import { chaosGroups } from './chaos-cases';
import { faultPlan, runMonkey, type FaultRecord } from './chaos-monkey';
import { chaosServers } from './chaos-servers';
import { chaosServices } from './chaos-services';
import { auditDelivery, republished, type DeliveryRow, type ProcessedRecord } from './delivery-audit';
import { finalStates, ChaosService, type CaseOutcome } from './final-states';
import { groupLag } from './kafka-groups';
import { injectMalformed, type Injected } from './malformed';
import { resilientApis } from './resilient-apis';
import { readTopic } from './topic-reader';

export interface ChaosOptions {
  readonly cases: number;
  readonly malformed: boolean;
  readonly workDir: string;
  readonly killsPerService: number;
  /** Pause before each fault, drawn from this range. */
  readonly gapMs: readonly [number, number];
  /** Flights driven at once. */
  readonly groupConcurrency: number;
  readonly log: (line: string) => void;
}

export interface ChaosResult {
  readonly runId: string;
  readonly cases: number;
  readonly durationMs: number;
  readonly faults: readonly FaultRecord[];
  readonly finalByService: Record<ChaosService, number>;
  readonly emails: { readonly expected: number; readonly inMailpit: number; readonly missing: number; readonly duplicated: number };
  readonly delivery: readonly DeliveryRow[];
  readonly republished: number;
  readonly deadLetters: { readonly unexpected: number; readonly injected: number; readonly injectedFound: number };
  readonly outagesRetried: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly inversions: number;
  readonly unfinished: number;
  readonly ok: boolean;
}

const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };
const LONG = 15 * 60_000;

/**
 * `cases` children through the whole lifecycle over the public APIs, on
 * servers and services of the run's own, while every service is SIGKILLed
 * and restarted `killsPerService` times, and the broker and the database once
 * each; then the audit of what every service, Kafka and Mailpit hold.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const started = Date.now();
  const { log } = options;
  const runId = newRunId();
  const servers = await chaosServers(join(options.workDir, 'run'), log);
  log(`chaos ${runId}: own servers in ${join(options.workDir, 'run')} (Kafka ${servers.kafkaBrokers[0]}, SecantusDB ${servers.mongoUrl}, Mailpit ${servers.mailpitUrl})`);
  await servers.up();
  const services = await chaosServices(servers, options.workDir, runId);
  try {
    await services.startAll();
    log(`services ready: ${Object.entries(services.urls).map(([n, u]) => `${n} ${u}`).join(', ')}`);
    const kafka = createKafka({ brokers: servers.kafkaBrokers, clientId: `chaos-${runId}`, logger: quiet });
    const topics = Object.values(Topic).map((t) => physicalTopic(services.topicPrefix, t));
    const urls = { ...services.urls, mailpit: servers.mailpitUrl };
    const outages = { count: 0 };
    const apis = resilientApis(createHomewardApis(urls, { accessToken: chaosAccessToken, requestIdPrefix: `chaos-${runId}`, timeoutMs: 30_000 }), LONG, outages);
    await apis.createProgramme(PROGRAMME, ACTORS.supervisor).catch((error: unknown) => {
      if (!isApiFailure(error, 409)) throw error;
    });

    let injected = new Map<string, Injected>();
    if (options.malformed) {
      const producer = kafka.producer();
      await producer.connect();
      injected = await injectMalformed(producer, topics);
      await producer.disconnect();
      log(`injected ${[...injected.values()].reduce((a, b) => a + b.count, 0)} malformed messages into ${topics.length} topics`);
    }

    const groups = chaosGroups(runId, options.cases);
    const plan = faultPlan(options.killsPerService);
    log(`${options.cases} cases in ${groups.length} flights; ${plan.length} faults planned: ${plan.map((f) => f.name).join(', ')}`);
    const monkey = runMonkey(plan, { gapMs: options.gapMs }, { servers, services }, log);
    const timeouts = { readyMs: LONG, requestMs: 30_000, legalFileMs: LONG, clearedPoolMs: LONG, assignmentMs: LONG, settledMs: LONG, mailboxMs: 0 };
    const summaries = await mapWithConcurrency(groups, options.groupConcurrency, (group) =>
      runGroup(group, { apis, runId, concurrency: 8, movementConcurrency: 2, timeouts, progress: log }),
    );
    const faults = await monkey;
    log(`all ${faults.length} faults inflicted; waiting for every consumer to catch up`);
    // Every group of the run: each service's own, and those of its extra consumers (notification's feeds).
    const consumerGroups = await runGroups(kafka, services, log);
    await quiesce(kafka, consumerGroups.map((g) => g.group), log);

    const cases = summaries.flatMap((summary, i) =>
      summary.cases.map((c) => ({ child: groups[i]!.children.find((child) => child.ref === c.ref)!, caseId: c.caseId })),
    );
    log(`${cases.length} cases registered; checking where each ended in every service`);
    const outcomes = await finalStates(apis, cases, LONG, log);
    const emails = await compareMailbox(createMailboxClient(servers.mailpitUrl), runId, outcomes);
    const { delivery, republishedCount } = await auditTopics(kafka, topics, consumerGroups, servers.mongoUrl, injected);
    const deadLetters = await auditDeadLetters(kafka, services.topicPrefix, injected, delivery);

    const finalByService = Object.fromEntries(ChaosService.map((s) => [s, outcomes.filter((o) => o.final.has(s)).length])) as Record<ChaosService, number>;
    const unfinished = outcomes.filter((o) => o.final.size < ChaosService.length).length;
    const lost = delivery.reduce((n, r) => n + r.lost, 0) + emails.missing;
    const duplicated = emails.duplicated + outcomes.reduce((n, o) => n + o.duplicateDeliveries, 0);
    const inversions = delivery.reduce((n, r) => n + r.inversions, 0);
    const lagging = delivery.reduce((n, r) => n + r.lag, 0);
    const ok =
      lost === 0 && duplicated === 0 && inversions === 0 && unfinished === 0 && lagging === 0 &&
      deadLetters.unexpected === 0 && deadLetters.injectedFound === deadLetters.injected &&
      faults.length === plan.length;
    return {
      runId,
      cases: options.cases,
      durationMs: Date.now() - started,
      faults,
      finalByService,
      emails,
      delivery,
      republished: republishedCount,
      deadLetters,
      outagesRetried: outages.count,
      lost,
      duplicated,
      inversions,
      unfinished,
      ok,
    };
  } finally {
    await services.stopAll().catch(() => undefined);
    await servers.down().catch((error: unknown) => log(`servers down failed: ${String(error)}`));
  }
}

/** Waits until every group has consumed every topic to its end, three looks in a row. */
async function quiesce(kafka: ReturnType<typeof createKafka>, groups: readonly string[], log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + LONG;
  let calm = 0;
  while (calm < 3 && Date.now() < deadline) {
    const lags = await Promise.all(groups.map((g) => groupLag(kafka, g).catch(() => new Map([['?', 1]]))));
    const total = lags.reduce((n, m) => n + [...m.values()].reduce((a, b) => a + b, 0), 0);
    calm = total === 0 ? calm + 1 : 0;
    if (total > 0) log(`consumer lag ${total}`);
    await sleep(2_000);
  }
}

async function compareMailbox(mailbox: ReturnType<typeof createMailboxClient>, runId: string, outcomes: readonly CaseOutcome[]) {
  const expected = new Map<string, number>();
  for (const o of outcomes) for (const [address, n] of o.sentTo) expected.set(address, (expected.get(address) ?? 0) + n);
  const got = await mailbox.countByRecipient(runId);
  let missing = 0;
  let duplicated = 0;
  for (const address of new Set([...expected.keys(), ...got.keys()])) {
    const want = expected.get(address) ?? 0;
    const have = got.get(address) ?? 0;
    if (have < want) missing += want - have;
    if (have > want) duplicated += have - want;
  }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return { expected: sum(expected), inMailpit: sum(got), missing, duplicated };
}

interface RunGroup {
  readonly group: string;
  /** The database of the service the group belongs to, where it records what it processed. */
  readonly database: string;
}

/**
 * The consumer groups of the run, once every one of them is back at work:
 * right after a broker restart the groups are still rejoining (or not yet
 * listed), and a look then would find nothing to wait for or to audit.
 */
async function runGroups(kafka: ReturnType<typeof createKafka>, services: Awaited<ReturnType<typeof chaosServices>>, log: (line: string) => void): Promise<RunGroup[]> {
  const admin = kafka.admin();
  await admin.connect();
  const deadline = Date.now() + LONG;
  try {
    for (;;) {
      const found: RunGroup[] = [];
      const { groups } = await admin.listGroups().catch(() => ({ groups: [] as { groupId: string }[] }));
      for (const { groupId } of groups) {
        const owner = serviceNames.find((n) => groupId === services.groups[n] || groupId.startsWith(`${services.groups[n]}-`));
        if (owner) found.push({ group: groupId, database: services.databases[owner] });
      }
      const described = found.length > 0 ? await admin.describeGroups(found.map((g) => g.group)).catch(() => ({ groups: [] })) : { groups: [] };
      const stable = new Set(described.groups.filter((g) => g.state === 'Stable' && g.members.length > 0).map((g) => g.groupId));
      const everyService = serviceNames.every((n) => found.some((g) => g.group === services.groups[n]));
      if (everyService && found.every((g) => stable.has(g.group))) return found.sort((a, b) => a.group.localeCompare(b.group));
      if (Date.now() > deadline) throw new Error(`consumer groups not all back at work: ${found.map((g) => `${g.group}${stable.has(g.group) ? '' : ' (not stable)'}`).join(', ') || 'none listed'}`);
      log(`waiting for the consumer groups to be back at work (${stable.size} of ${found.length} listed are stable)`);
      await sleep(2_000);
    }
  } finally {
    await admin.disconnect();
  }
}

async function auditTopics(kafka: ReturnType<typeof createKafka>, topics: readonly string[], groups: readonly RunGroup[], mongoUrl: string, injected: Map<string, Injected>) {
  const records = new Map(await Promise.all(topics.map(async (t) => [t, await readTopic(kafka, t)] as const)));
  const mongo = await MongoClient.connect(mongoUrl);
  const delivery: DeliveryRow[] = [];
  // The poison messages are accounted for by the dead-letter check, not as events to consume.
  const isPoison = (topic: string, record: { key: string | undefined }) => record.key !== undefined && injected.get(topic)?.key === record.key;
  try {
    for (const { group, database } of groups) {
      const processed = (await mongo.db(database).collection('processed_events').find({ group }).toArray()) as unknown as ProcessedRecord[];
      const lag = await groupLag(kafka, group);
      for (const [topic, behind] of lag) {
        if (!records.has(topic)) continue;
        delivery.push(auditDelivery(topic, records.get(topic)!.filter((r) => !isPoison(topic, r)), group, processed, behind));
      }
    }
  } finally {
    await mongo.close();
  }
  const republishedCount = [...records.values()].reduce((n, r) => n + republished(r), 0);
  return { delivery, republishedCount };
}

async function auditDeadLetters(kafka: ReturnType<typeof createKafka>, prefix: string, injected: Map<string, Injected>, delivery: readonly DeliveryRow[]) {
  const admin = new DeadLetterAdmin(kafka);
  // Read one after another, each with the patience of the topic reader: four group joins at once on a loaded broker took over 30 s.
  const letters: DeadLetter[] = [];
  for (const n of serviceNames) letters.push(...(await admin.list(physicalTopic(prefix, deadLetterTopic(n)), 180_000)));
  const isInjected = (d: DeadLetter) => d.key !== null && injected.get(d.originalTopic)?.key === d.key;
  // Every group that reads a topic must dead-letter each of its poison messages, once.
  let expected = 0;
  for (const [topic, { count }] of injected) expected += count * new Set(delivery.filter((r) => r.topic === topic).map((r) => r.group)).size;
  const found = new Set(letters.filter(isInjected).map((d) => `${d.consumerGroup}/${d.originalTopic}/${d.originalPartition}/${d.originalOffset}`)).size;
  return { unexpected: letters.filter((d) => !isInjected(d)).length, injected: expected, injectedFound: found };
}
