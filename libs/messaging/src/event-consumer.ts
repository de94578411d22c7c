import type { Consumer, EachMessagePayload, Kafka, Producer } from 'kafkajs';
import {
  canConvertEvent,
  convertEventData,
  familyOf,
  findEventDefinition,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
} from '@homeward/contracts';
import { isRetriable, PoisonMessageError, RetriesExhaustedError } from '@homeward/errors';
import type { PersonalDataCodec, ProcessedEventStore } from '@homeward/persistence';
import { backoffDelay, sleep } from './backoff';
import { sendToDeadLetter } from './dead-letter';
import { fromKafkaMessage } from './kafka-binding';
import { physicalTopic, type LoggerLike } from './kafka-client';
import { openEventEnvelope } from './personal-data.opener';

export interface MessageContext {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export type EventHandler<TData> = (event: EventEnvelope<TData>, context: MessageContext) => Promise<void>;

export interface HandlerRegistration {
  readonly definition: EventDefinition;
  readonly handle: EventHandler<never>;
  /** The handler's effect is idempotent by itself: no processed-event record (two writes per message) is kept for it. */
  readonly idempotent?: boolean;
}

export interface HandlerOptions {
  /**
   * Set when applying the event twice does what applying it once does (an
   * in-memory index, an insert with a derived id): the consumer then skips
   * the processed-event lookup and record, which matter when 20,000 events
   * arrive at once.
   */
  readonly idempotent?: boolean;
}

/** Ties a handler to the event definition whose schema validates its input. */
export function on<TDef extends EventDefinition>(definition: TDef, handle: EventHandler<EventData<TDef>>, options: HandlerOptions = {}): HandlerRegistration {
  return { definition, handle: handle as EventHandler<never>, ...(options.idempotent ? { idempotent: true } : {}) };
}

export interface EventConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topicPrefix: string;
  readonly handlers: readonly HandlerRegistration[];
  readonly processed: ProcessedEventStore;
  readonly deadLetter: { readonly producer: Producer; readonly topic: string };
  readonly logger: LoggerLike;
  /**
   * Backoff of in-place retries, and how long a retriable failure may block
   * its partition before the message is dead-lettered (replayable) so that the
   * cases behind it move on.
   */
  readonly retry?: { readonly initialMs: number; readonly maxMs: number; readonly giveUpAfterMs?: number };
  readonly partitionsConsumedConcurrently?: number;
  readonly fromBeginning?: boolean;
  /** Opens the sealed personal part of every event before validation (the service's privacy layer). */
  readonly personalData?: PersonalDataCodec;
}

export interface EventConsumer {
  start(): Promise<void>;
  /** Stops fetching, lets the message in hand finish, commits its offset. */
  stop(): Promise<void>;
}

/** The data validated against one event version's contract; a breach is poison, never retried. */
function contractData(definition: EventDefinition, id: string, data: unknown): unknown {
  const parsed = definition.schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new PoisonMessageError(`${definition.type} ${id} breaks its contract: ${fields}`);
}

/**
 * An idempotent consumer: validates every message against its contract,
 * skips events this group already processed, retries retriable failures in
 * place with backoff (so per-case order holds), and dead-letters the rest so
 * the partition moves on.
 */
export function createEventConsumer(options: EventConsumerOptions): EventConsumer {
  const { kafka, groupId, logger, processed, deadLetter } = options;
  const retry = { initialMs: 200, maxMs: 10_000, giveUpAfterMs: 180_000, ...options.retry };
  const types = new Set(options.handlers.map((h) => h.definition.type));
  if (types.size !== options.handlers.length) throw new Error(`${groupId}: two handlers for one event type`);
  // Every version of an event reaches the handlers of any of its versions.
  const byFamily = new Map<string, HandlerRegistration[]>();
  for (const h of options.handlers) byFamily.set(familyOf(h.definition.type), [...(byFamily.get(familyOf(h.definition.type)) ?? []), h]);
  const topics = [...new Set(options.handlers.map((h) => physicalTopic(options.topicPrefix, h.definition.topic)))];
  const stopping = new AbortController();
  const keyLock = new KeyedLock();
  let consumer: Consumer | undefined;

  const process = async (payload: EachMessagePayload): Promise<void> => {
    const { topic, partition, message } = payload;
    const context = { topic, partition, offset: message.offset };
    const sealed = fromKafkaMessage(message);
    const definition = findEventDefinition(sealed.type);
    if (!definition) throw new PoisonMessageError(`unknown event type ${sealed.type}`);
    const registrations = byFamily.get(familyOf(sealed.type));
    if (!registrations) return; // a type this service does not care about
    const { envelope, erased } = await openEventEnvelope(options.personalData, sealed);
    if (erased) {
      // The child was erased: what the event said of them is gone, and so is the reason to act on it.
      logger.info({ type: envelope.type, id: envelope.id, subject: envelope.subject }, 'event about an erased child skipped');
      await processed.record(groupId, envelope.id, envelope.type);
      return;
    }
    const data = contractData(definition, envelope.id, envelope.data);
    // Upcast (or, for a handler still written against an older version, downcast
    // losslessly) before dispatch, so a handler sees the one version it names.
    const deliveries = registrations.map(({ definition: wanted, handle, idempotent }) => {
      if (!canConvertEvent(envelope.type, wanted.type)) {
        throw new PoisonMessageError(`${envelope.type} ${envelope.id} cannot be read as ${wanted.type}: no upcaster between them`);
      }
      const converted = contractData(wanted, envelope.id, convertEventData(envelope.type, wanted.type, data));
      return { handle, idempotent, event: { ...envelope, type: wanted.type, dataschema: wanted.dataschema, data: converted } };
    });
    // Handlers idempotent by themselves keep no processed-event record (two writes per message saved).
    if (deliveries.every((d) => d.idempotent)) {
      for (const { handle, event } of deliveries) await handle(event as never, context);
      return;
    }
    if (await processed.has(groupId, envelope.id)) return;
    for (const { handle, event } of deliveries) await handle(event as never, context);
    await processed.record(groupId, envelope.id, envelope.type);
  };

  const eachMessage = async (payload: EachMessagePayload): Promise<void> => {
    const started = Date.now();
    const key = payload.message.key?.toString('utf8');
    for (let attempt = 0; ; attempt++) {
      try {
        // One case at a time in this process, whatever topic its events come
        // from: aggregates are written with version-checked updates, but some
        // local copies are read, changed and written whole (the feeds' case
        // copy), and a case's events should take effect in the order they are
        // handled. Held for one attempt only, so a message waiting for another
        // of its case's events (the registration on another topic) lets that one through.
        return await keyLock.run(key, () => process(payload));
      } catch (failure) {
        const givingUp = isRetriable(failure) && Date.now() - started >= retry.giveUpAfterMs;
        const error = givingUp
          ? new RetriesExhaustedError(`gave up after ${attempt + 1} attempts in ${Math.round((Date.now() - started) / 1000)} s: ${(failure as Error).message}`, {}, { cause: failure })
          : failure;
        if (!isRetriable(error)) {
          logger.warn(
            { err: error, topic: payload.topic, partition: payload.partition, offset: payload.message.offset },
            'message can never be processed; sent to the dead-letter topic',
          );
          await sendToDeadLetter(deadLetter.producer, deadLetter.topic, payload, error, groupId);
          return;
        }
        // Throwing on shutdown leaves the offset uncommitted: the message is
        // redelivered to whoever owns the partition next.
        if (stopping.signal.aborted) throw error;
        const delay = backoffDelay(Math.min(attempt, 10), retry);
        logger.warn({ err: error, attempt, delay, topic: payload.topic, offset: payload.message.offset }, 'retrying message');
        await sleep(delay, stopping.signal);
        await payload.heartbeat().catch(() => undefined);
      }
    }
  };

  return {
    async start() {
      consumer = kafka.consumer({
        groupId,
        sessionTimeout: 30_000,
        heartbeatInterval: 3_000,
        retry: { retries: 10 },
      });
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: options.fromBeginning ?? true });
      await consumer.run({
        // Every partition of every topic the group reads at once (4 topics × 3
        // partitions here): a message retried in place while it waits for
        // another topic's event (a milestone before the registration it needs)
        // then holds up its own partition only, never the one bringing that event.
        partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 16,
        eachMessage,
      });
    },
    async stop() {
      stopping.abort();
      await consumer?.disconnect();
    },
  };
}

/** Runs tasks of one key one after another, tasks of different keys at once. */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string | undefined, task: () => Promise<T>): Promise<T> {
    if (key === undefined) return task();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(task);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
