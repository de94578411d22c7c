import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type GaugeMetricData } from '@opentelemetry/sdk-metrics';
import type { Kafka } from 'kafkajs';
import { deadLetterTopic, Topic } from '@homeward/contracts';
import { testServers, uniqueName } from '@homeward/testing';
import { ensureTopics } from './ensure-topics';
import { createKafka, physicalTopic } from './kafka-client';
import { registerMessagingMetrics, type MessagingMetrics } from './messaging-metrics';

const silent = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

/** Lag and dead letters as the OpenTelemetry SDK collects them, read from the real broker. */
describe('messaging metrics', () => {
  const prefix = uniqueName('metrics');
  const topic = physicalTopic(prefix, Topic.legal);
  const dlq = physicalTopic(prefix, deadLetterTopic('test'));
  const groupId = uniqueName('metrics-group');
  const reader = new PeriodicExportingMetricReader({ exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE), exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  let kafka: Kafka;
  let metrics: MessagingMetrics;

  const collect = async () => {
    const { resourceMetrics } = await reader.collect();
    const all = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics) as GaugeMetricData[];
    const points = (name: string) => all.find((m) => m.descriptor.name === name)?.dataPoints ?? [];
    return {
      lag: points('homeward.messaging.consumer.lag').reduce((n, p) => n + p.value, 0),
      lagTopics: new Set(points('homeward.messaging.consumer.lag').map((p) => p.attributes['messaging.destination.name'])),
      deadLetters: points('homeward.messaging.dead_letters').map((p) => ({ value: p.value, topic: p.attributes['messaging.destination.name'] })),
    };
  };

  beforeAll(async () => {
    kafka = createKafka({ brokers: testServers.kafkaBrokers, clientId: prefix, logger: silent });
    await ensureTopics(kafka, [topic, dlq]);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 5 }, (_, i) => ({ key: `case-${i}`, value: `m${i}` })) });
    await producer.send({ topic: dlq, messages: [{ key: 'a', value: 'x' }, { key: 'b', value: 'y' }] });
    await producer.disconnect();
    metrics = registerMessagingMetrics(provider.getMeter('test'), { kafka, groupId, topics: [topic], deadLetterTopic: dlq, service: 'test' });
  });

  afterAll(async () => {
    await metrics.close();
    await provider.shutdown();
  });

  it('reports the whole topic as lag before the group consumed anything, and the dead letters', async () => {
    expect(await collect()).toEqual({ lag: 5, lagTopics: new Set([topic]), deadLetters: [{ value: 2, topic: dlq }] });
  });

  it('reports no lag once the group committed the end of every partition', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId, topic, partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })) });
    } finally {
      await admin.disconnect();
    }
    expect((await collect()).lag).toBe(0);
  });
});
