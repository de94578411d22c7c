import type { Admin, Kafka } from 'kafkajs';
import { expectEventually, testServers, uniqueName } from '@homeward/testing';
import { createKafka } from '../kafka-client';
import { createTopicsSettled } from '../ensure-topics';
import { applyTopics } from './apply-topics';
import { requireTopics } from './require-topics';
import { TOPIC_CATALOG, topicsOfService } from './topic-catalog';

const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };
const TOPIC = 2; // ConfigResourceTypes.TOPIC

/** The topic catalogue applied to the real (single-broker) Kafka, each test under a prefix of its own. */
describe('applyTopics on the real Kafka', () => {
  let kafka: Kafka;
  let admin: Admin;
  const created: string[] = [];

  const configOf = async (topic: string, name: string) => {
    const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: TOPIC, name: topic, configNames: [name] }] });
    return resources[0]!.configEntries.find((e) => e.configName === name)?.configValue;
  };

  beforeAll(async () => {
    kafka = createKafka({ brokers: testServers.kafkaBrokers, clientId: uniqueName('apply-topics'), logger: quiet });
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    if (created.length > 0) await admin.deleteTopics({ topics: created });
    await admin.disconnect();
  });

  it('creates every declared topic with its partitions and configs, then finds nothing to change', async () => {
    const prefix = uniqueName('topics');
    const first = await applyTopics(kafka, TOPIC_CATALOG, { prefix, replicationFactor: 1 });
    created.push(...first.map((o) => o.topic));
    expect(first.map((o) => o.action)).toEqual(TOPIC_CATALOG.map(() => 'created'));
    expect(first.map((o) => o.topic).sort()).toEqual(TOPIC_CATALOG.map((s) => `${prefix}.${s.name}`).sort());

    const { topics } = await admin.fetchTopicMetadata({ topics: created });
    for (const spec of TOPIC_CATALOG) {
      expect(topics.find((t) => t.name === `${prefix}.${spec.name}`)?.partitions).toHaveLength(spec.partitions);
    }
    const intake = `${prefix}.homeward.intake.v1`;
    expect(await configOf(intake, 'retention.ms')).toBe('-1');
    // min.insync.replicas follows a smaller replication factor down, or nothing could be written.
    expect(await configOf(intake, 'min.insync.replicas')).toBe('1');

    const again = await applyTopics(kafka, TOPIC_CATALOG, { prefix, replicationFactor: 1 });
    expect(again.map((o) => o.action)).toEqual(TOPIC_CATALOG.map(() => 'unchanged'));

    // Every topic a service needs at start is in the catalogue.
    await expect(requireTopics(kafka, topicsOfService('notification', prefix))).resolves.toBeUndefined();
  });

  it('puts a drifted retention back, and reports a partition count it must not change', async () => {
    const prefix = uniqueName('drift');
    const [legal, intake] = [`${prefix}.homeward.legal.v1`, `${prefix}.homeward.intake.v1`];
    await createTopicsSettled(admin, [{ topic: legal, numPartitions: 1 }, { topic: intake, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '60000' }] }]);
    created.push(legal, intake);

    const dry = await applyTopics(kafka, TOPIC_CATALOG, { prefix, replicationFactor: 1, dryRun: true });
    expect(dry.find((o) => o.topic === intake)).toMatchObject({ action: 'would-configure', changes: expect.arrayContaining(['retention.ms=-1']) });
    expect(await configOf(intake, 'retention.ms')).toBe('60000');

    const outcomes = await applyTopics(kafka, TOPIC_CATALOG, { prefix, replicationFactor: 1 });
    created.push(...outcomes.filter((o) => o.action === 'created').map((o) => o.topic));
    expect(outcomes.find((o) => o.topic === intake)).toMatchObject({ action: 'configured' });
    // The broker applies a config change asynchronously.
    await expectEventually(async () => expect(await configOf(intake, 'retention.ms')).toBe('-1'));
    expect(outcomes.find((o) => o.topic === legal)).toEqual({ topic: legal, action: 'differs', differences: ['partitions 1, declared 3'] });
    const { topics } = await admin.fetchTopicMetadata({ topics: [legal] });
    expect(topics[0]!.partitions).toHaveLength(1);
  });

  it('refuses the declared replication factor on a cluster too small for it, creating nothing', async () => {
    const prefix = uniqueName('small');
    await expect(applyTopics(kafka, TOPIC_CATALOG, { prefix })).rejects.toThrow('replication factor 3 needs at least 3 brokers; the cluster has 1');
    expect((await admin.listTopics()).filter((t) => t.startsWith(prefix))).toEqual([]);
  });

  it('lets a production service start only once its topics exist, naming the missing ones', async () => {
    const prefix = uniqueName('prod');
    await expect(requireTopics(kafka, topicsOfService('legal', prefix))).rejects.toThrow(`topics missing: ${prefix}.homeward.intake.v1, ${prefix}.homeward.legal.v1`);
    expect((await admin.listTopics()).filter((t) => t.startsWith(prefix))).toEqual([]);
  });
});
