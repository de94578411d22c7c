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
  /** Events read and published per pass (whole outbox entries, so about this many). */
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
 * aggregate, then takes them off (OutboxStore). At least once: a crash after the broker's
 * acknowledgement and before the removal republishes; consumers deduplicate
 * on the event id.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { producer, stores, logger, pollMs, topicPrefix } = options;
  const batchSize = options.batchSize ?? 2_000;
  let running = false;
  let wake: (() => void) | undefined;
  let dirty = false;
  let loop: Promise<void> | undefined;

  const drainOnce = async (): Promise<number> => {
    let published = 0;
    for (const store of stores) {
      const batches = await store.pending(batchSize);
      if (batches.length === 0) continue;
      await publishAll(producer, topicPrefix, batches);
      // One acknowledgement for the whole pass: a few inserts and deletes, not a few per event.
      await store.acknowledge(...batches);
      published += batches.length;
    }
    return published;
  };

  const run = async (): Promise<void> => {
    let failures = 0;
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
      // A twin instance takes the collections over now rather than when the leases run out.
      await Promise.all(stores.map((store) => store.release().catch(() => undefined)));
    },
  };
}

/** Messages per produce request: well under the broker's 1 MB per partition batch with events of about 1 kB. */
const MESSAGES_PER_SEND = 500;

/**
 * Publishes a pass in waves: wave n holds the n-th run of events of each
 * aggregate (a run shares one trace context), so an aggregate's events go out
 * in order, one wave after another, while the runs of different aggregates
 * that share a trace context (an import's thousands) go in one request.
 */
async function publishAll(producer: Producer, prefix: string, batches: readonly OutboxBatch[]): Promise<void> {
  const runs = batches.map((b) => runsByTrace(b.events));
  const waves = Math.max(0, ...runs.map((r) => r.length));
  for (let wave = 0; wave < waves; wave++) {
    const byTrace = new Map<string, PendingEvent[]>();
    for (const aggregateRuns of runs) {
      const run = aggregateRuns[wave];
      if (!run) continue;
      const key = run[0]!.trace['traceparent'] ?? '';
      let events = byTrace.get(key);
      if (!events) byTrace.set(key, (events = []));
      events.push(...run);
    }
    await Promise.all(
      [...byTrace.values()].map(async (events) => {
        for (let i = 0; i < events.length; i += MESSAGES_PER_SEND) {
          const slice = events.slice(i, i + MESSAGES_PER_SEND);
          await runInTraceContext(slice[0]!.trace, () => producer.sendBatch({ acks: -1, topicMessages: groupByTopic(slice, prefix) }));
        }
      }),
    );
  }
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
    let messages = byTopic.get(topic);
    if (!messages) byTopic.set(topic, (messages = []));
    messages.push(toKafkaMessage(event));
  }
  return [...byTopic.entries()].map(([topic, messages]) => ({ topic, messages }));
}
