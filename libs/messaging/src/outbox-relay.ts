import type { Producer } from 'kafkajs';
import type { OutboxBatch, OutboxStore, PendingEvent } from '@homeward/persistence';
import { runInTraceContext } from '@homeward/telemetry';
import { backoffDelay, sleep } from './backoff';
import { physicalTopic, type LoggerLike } from './kafka-client';
import { toKafkaMessage } from './kafka-binding';

export interface OutboxRelayOptions {
  readonly producer: Producer;
  readonly stores: readonly OutboxStore[];
  readonly topicPrefix: string;
  readonly logger: LoggerLike;
  /** Backstop poll for events written by other instances or before a crash. */
  readonly pollMs: number;
  readonly batchSize?: number;
}

export interface OutboxRelay {
  start(): void;
  /** Wakes the relay now: called after every local commit, so latency is not the poll interval. */
  notify(): void;
  /** Publishes what is pending, then stops (phase two of the graceful shutdown). */
  stop(): Promise<void>;
}

/**
 * Publishes committed events from the aggregates' outboxes, in order per
 * aggregate, then removes them. At least once: a crash after the broker's
 * acknowledgement and before the removal republishes; consumers deduplicate
 * on the event id.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { producer, stores, logger, pollMs, topicPrefix } = options;
  const batchSize = options.batchSize ?? 200;
  let running = false;
  let wake: (() => void) | undefined;
  let dirty = false;
  let loop: Promise<void> | undefined;

  const publish = async (store: OutboxStore, batch: OutboxBatch): Promise<void> => {
    // Events caused by different requests carry different trace contexts;
    // each run of events from one context is sent within it.
    for (const run of runsByTrace(batch.events)) {
      await runInTraceContext(run[0]!.trace, () =>
        producer.sendBatch({ acks: -1, topicMessages: groupByTopic(run, topicPrefix) }),
      );
    }
    await store.acknowledge(batch);
  };

  const drainOnce = async (): Promise<number> => {
    let published = 0;
    for (const store of stores) {
      const batches = await store.pending(batchSize);
      // Aggregates are independent; publishing them concurrently keeps
      // per-aggregate order (one aggregate = one key = one partition).
      await Promise.all(batches.map((batch) => publish(store, batch)));
      published += batches.length;
    }
    return published;
  };

  const run = async (): Promise<void> => {
    let failures = 0;
    for (const store of stores) {
      const restored = await store.recover().catch((error: unknown) => {
        logger.warn({ err: error, collection: store.name }, 'outbox recovery scan failed; the next start repeats it');
        return 0;
      });
      if (restored > 0) logger.warn({ restored, collection: store.name }, 'commits put back on the outbox after a crash');
    }
    while (running) {
      dirty = false;
      try {
        const published = await drainOnce();
        failures = 0;
        if (published > 0 || dirty) continue;
      } catch (error) {
        failures++;
        logger.warn({ err: error, failures }, 'outbox relay could not publish; will retry');
        await sleep(backoffDelay(Math.min(failures, 8), { initialMs: 100, maxMs: 5_000 }));
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    notify() {
      dirty = true;
      wake?.();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      // One last pass so that what the drained requests committed goes out now.
      try {
        await drainOnce();
      } catch (error) {
        logger.warn({ err: error }, 'final outbox flush failed; the next start publishes it');
      }
    },
  };
}

function runsByTrace(events: readonly PendingEvent[]): PendingEvent[][] {
  const runs: PendingEvent[][] = [];
  for (const event of events) {
    const last = runs.at(-1);
    if (last && last[0]!.trace['traceparent'] === event.trace['traceparent']) last.push(event);
    else runs.push([event]);
  }
  return runs;
}

function groupByTopic(events: readonly PendingEvent[], prefix: string) {
  const byTopic = new Map<string, ReturnType<typeof toKafkaMessage>[]>();
  for (const event of events) {
    const topic = physicalTopic(prefix, event.topic);
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), toKafkaMessage(event)]);
  }
  return [...byTopic.entries()].map(([topic, messages]) => ({ topic, messages }));
}
