import type { Meter } from '@opentelemetry/api';
import type { Kafka } from 'kafkajs';

export interface MessagingMetricsSources {
  readonly kafka: Kafka;
  /** The service's consumer group, and the topics it reads. */
  readonly groupId: string;
  readonly topics: readonly string[];
  /** The service's dead-letter topic. */
  readonly deadLetterTopic: string;
  readonly service: string;
}

export interface MessagingMetrics {
  /** Stops observing (before the Kafka clients close). */
  close(): Promise<void>;
}

/**
 * Consumer lag and dead letters as OpenTelemetry observable gauges, read
 * from the broker when a metric reader collects (so an idle service costs
 * nothing): `homeward.messaging.consumer.lag` per topic and partition (high
 * watermark minus the group's committed offset) and
 * `homeward.messaging.dead_letters` (messages in the service's dead-letter topic).
 */
export function registerMessagingMetrics(meter: Meter, sources: MessagingMetricsSources): MessagingMetrics {
  const admin = sources.kafka.admin();
  let connected: Promise<void> | undefined;
  const ready = () => (connected ??= admin.connect());
  const lag = meter.createObservableGauge('homeward.messaging.consumer.lag', {
    description: 'Messages on a topic partition that the consumer group has not yet committed.',
    unit: '{message}',
  });
  const deadLetters = meter.createObservableGauge('homeward.messaging.dead_letters', {
    description: "Messages in the service's dead-letter topic, waiting to be replayed or purged.",
    unit: '{message}',
  });

  const observe = async (observer: Parameters<Parameters<Meter['addBatchObservableCallback']>[0]>[0]) => {
    await ready();
    const committed = await admin.fetchOffsets({ groupId: sources.groupId, topics: [...sources.topics] });
    for (const topic of sources.topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const done = committed.find((c) => c.topic === topic)?.partitions ?? [];
      for (const { partition, high, low } of ends) {
        const at = Number(done.find((p) => p.partition === partition)?.offset ?? -1);
        observer.observe(lag, Number(high) - (at < 0 ? Number(low) : at), { 'messaging.consumer.group.name': sources.groupId, 'messaging.destination.name': topic, 'messaging.destination.partition.id': String(partition) });
      }
    }
    const dlq = await admin.fetchTopicOffsets(sources.deadLetterTopic);
    const count = dlq.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    observer.observe(deadLetters, count, { 'messaging.destination.name': sources.deadLetterTopic, 'homeward.service': sources.service });
  };
  const callback = async (observer: Parameters<typeof observe>[0]) => {
    // A broker that is down yields no observation this round, not a failed collection.
    await observe(observer).catch(() => undefined);
  };
  meter.addBatchObservableCallback(callback, [lag, deadLetters]);
  return {
    async close() {
      meter.removeBatchObservableCallback(callback, [lag, deadLetters]);
      if (connected) await connected.then(() => admin.disconnect()).catch(() => undefined);
    },
  };
}
