import { Partitioners, type Consumer, type Kafka, type Message, type Producer } from 'kafkajs';
import { headerText, physicalTopic } from '@homeward/messaging';
import type { TopicMessage } from '../chaos/topic-reader';
import { readTopicMessages } from '../chaos/topic-reader';
import { sleep } from '../scenario/retry';
import { waitUntilQuiet, type RunGroup } from './bench-groups';
import { useBrokerTime } from './bench-stack';

export interface NullPipelineResult {
  readonly events: number;
  /** Records the bench itself wrote (what the API caused in the real run). */
  readonly seeded: number;
  readonly groups: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly lagLeft: number;
}

/** `homeward.legal.v1` is written by legal: the service a record comes from is in its topic's name. */
const publisherOf = (logicalTopic: string) => /^homeward\.([a-z]+)\.v\d+$/.exec(logicalTopic)?.[1];

/**
 * The same hops with no-op handlers, in the same run: every group of the
 * real run gets a twin that reads the same topics (renamed under its own
 * prefix) with the consumer settings of @homeward/messaging's event consumer,
 * and whose handler does nothing but publish, with the services' producer
 * settings, the records its service published in answer to that event (by
 * causation id). What the API caused is seeded at once. The time runs from
 * the first seed to the broker's append of the last record.
 */
export async function nullPipeline(
  kafka: Kafka,
  realPrefix: string,
  nullPrefix: string,
  records: readonly TopicMessage[],
  groups: readonly RunGroup[],
  appGroups: Readonly<Record<string, string>>,
  drainMs: number,
  log: (line: string) => void,
): Promise<NullPipelineResult> {
  const logical = (topic: string) => topic.slice(realPrefix.length + 1);
  const twin = (topic: string) => physicalTopic(nullPrefix, logical(topic));
  const ids = new Set(records.map((r) => headerText(r.message.headers, 'ce_id')));
  const answers = new Map<string, { topic: string; message: Message }[]>();
  const seeds: { topic: string; message: Message }[] = [];
  for (const r of records) {
    const out = { topic: twin(r.topic), message: { key: r.message.key, value: r.message.value, headers: r.message.headers } };
    const cause = headerText(r.message.headers, 'ce_causationid');
    if (cause === undefined || !ids.has(cause)) {
      seeds.push(out);
      continue;
    }
    const key = `${publisherOf(logical(r.topic))}|${cause}`;
    answers.set(key, [...(answers.get(key) ?? []), out]);
  }

  const admin = kafka.admin();
  await admin.connect();
  const realTopics = [...new Set(records.map((r) => r.topic))];
  const nullTopics = realTopics.map(twin);
  try {
    const { topics: described } = await admin.fetchTopicMetadata({ topics: realTopics });
    await admin.createTopics({ waitForLeaders: true, topics: described.map((t) => ({ topic: twin(t.name), numPartitions: t.partitions.length, replicationFactor: 1 })) });
  } finally {
    await admin.disconnect();
  }
  await useBrokerTime(kafka, nullTopics);

  // The producer of libs/runtime's start-service, one per app as in the real run (one
  // shared producer with one request in flight would serialise every app's sends);
  // the consumer of libs/messaging's event-consumer.
  const producers = new Map<string, Producer>();
  const producerOf = async (app: string) => {
    let producer = producers.get(app);
    if (!producer) {
      producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
      producers.set(app, producer);
      await producer.connect();
    }
    return producer;
  };
  const seeder = await producerOf('(seed)');
  const consumers: Consumer[] = [];
  const twinGroups: string[] = [];
  try {
    const joined: Promise<void>[] = [];
    for (const g of groups) {
      const group = `${nullPrefix}-${g.group}`;
      twinGroups.push(group);
      // Only the app's own group publishes; its other consumers (notification's feeds) only read.
      const publishes = appGroups[g.app] === g.group;
      const producer = await producerOf(g.app);
      const consumer = kafka.consumer({ groupId: group, sessionTimeout: 30_000, heartbeatInterval: 3_000, retry: { retries: 10 } });
      consumers.push(consumer);
      joined.push(new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve())));
      await consumer.connect();
      await consumer.subscribe({ topics: g.topics.filter((t) => realTopics.includes(t)).map(twin), fromBeginning: true });
      await consumer.run({
        partitionsConsumedConcurrently: 16,
        eachMessage: async ({ message }) => {
          if (!publishes) return;
          const out = answers.get(`${g.app}|${headerText(message.headers, 'ce_id')}`);
          if (out) await producer.sendBatch({ acks: -1, topicMessages: byTopic(out) });
        },
      });
    }
    await Promise.race([Promise.all(joined), sleep(120_000)]);
    log(`  ${twinGroups.length} null groups joined; seeding ${seeds.length} of ${records.length} records`);
    const started = Date.now();
    for (let i = 0; i < seeds.length; i += 500) await seeder.sendBatch({ acks: -1, topicMessages: byTopic(seeds.slice(i, i + 500)) });
    const lagLeft = await waitUntilQuiet(kafka, async () => twinGroups, new Set(nullTopics), Date.now() + drainMs, log);
    const appended = (await Promise.all(nullTopics.map((t) => readTopicMessages(kafka, t, 300_000)))).flat();
    const seconds = Math.max(0.001, (Math.max(...appended.map((r) => Number(r.message.timestamp))) - started) / 1000);
    return {
      events: appended.length,
      seeded: seeds.length,
      groups: twinGroups.length,
      seconds: Math.round(seconds * 100) / 100,
      eventsPerSecond: Math.round((appended.length / seconds) * 10) / 10,
      lagLeft,
    };
  } finally {
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
    await Promise.all([...producers.values()].map((p) => p.disconnect().catch(() => undefined)));
  }
}

function byTopic(records: readonly { topic: string; message: Message }[]) {
  const topics = new Map<string, Message[]>();
  for (const r of records) topics.set(r.topic, [...(topics.get(r.topic) ?? []), r.message]);
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
}
