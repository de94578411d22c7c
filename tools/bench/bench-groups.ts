import type { Kafka } from 'kafkajs';
import { groupLag } from '../chaos/kafka-groups';
import { sleep } from '../scenario/retry';

export interface RunGroup {
  readonly group: string;
  /** The app the group belongs to (its own group, or one of its extra consumers such as notification's feeds). */
  readonly app: string;
  /** The topics its members are assigned. */
  readonly topics: readonly string[];
}

/** The consumer groups whose ids start with one of the apps' group ids, with the topics they read. */
export async function runGroups(kafka: Kafka, appGroups: Readonly<Record<string, string>>): Promise<RunGroup[]> {
  const admin = kafka.admin();
  await admin.connect();
  const { groups } = await admin.listGroups().finally(() => admin.disconnect());
  const found: RunGroup[] = [];
  for (const { groupId } of groups) {
    const app = Object.keys(appGroups).find((a) => groupId === appGroups[a] || groupId.startsWith(`${appGroups[a]}-`));
    if (app) found.push({ group: groupId, app, topics: [...(await groupLag(kafka, groupId)).keys()] });
  }
  return found.sort((a, b) => a.group.localeCompare(b.group));
}

/** Total lag of the groups over the given topics (other topics' lag, such as the dead-letter topics', is not the pipeline's), and the topics' high watermarks summed. */
export async function lagOf(kafka: Kafka, groups: readonly string[], topics: ReadonlySet<string>): Promise<{ lag: number; ends: number }> {
  let lag = 0;
  for (const group of groups) for (const [topic, n] of await groupLag(kafka, group)) if (topics.has(topic)) lag += n;
  const admin = kafka.admin();
  await admin.connect();
  try {
    let ends = 0;
    for (const topic of topics) for (const o of await admin.fetchTopicOffsets(topic)) ends += Number(o.high);
    return { lag, ends };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until `done` holds and the groups have consumed every topic to its
 * end with nothing appended since, three looks a second apart (an event
 * still in a service's outbox shows up within that), or until the deadline;
 * answers the lag left (0 when quiet).
 */
export async function waitUntilQuiet(
  kafka: Kafka,
  groups: () => Promise<readonly string[]>,
  topics: ReadonlySet<string>,
  deadline: number,
  log: (line: string) => void,
  done: () => Promise<boolean> = async () => true,
): Promise<number> {
  let calm = 0;
  let last = { lag: Number.POSITIVE_INFINITY, ends: -1 };
  let said = Date.now();
  while (calm < 3) {
    const now = await lagOf(kafka, await groups(), topics).catch(() => ({ lag: Number.POSITIVE_INFINITY, ends: -1 }));
    calm = now.lag === 0 && now.ends === last.ends && (await done()) ? calm + 1 : 0;
    last = now;
    if (Date.now() - said > 15_000) {
      log(`  consumer lag ${now.lag}, ${now.ends} records in the topics`);
      said = Date.now();
    }
    if (Date.now() > deadline) return now.lag === 0 ? 0 : now.lag;
    await sleep(1_000);
  }
  return 0;
}
