import type { PendingEvent } from './pending-event';

/** An aggregate as stored: its state's fields beside the store's bookkeeping. */
export interface StoredAggregate {
  _id: string;
  version: number;
  /** Events committed with the state and not yet published, oldest first. */
  outbox?: PendingEvent[];
  /** Set while `outbox` holds events: when the oldest of them was committed (the relay's index). */
  outboxAt?: Date;
  /** The last consumed events applied to the aggregate, for idempotent consumers. */
  inbox?: string[];
  [field: string]: unknown;
}

/**
 * Consumed event ids kept per aggregate: enough to recognise any redelivery
 * Kafka makes of recent messages; the processed-event store catches older ones.
 */
export const INBOX_SIZE = 200;

export const isDuplicateKey = (error: unknown): boolean => (error as { code?: number } | null)?.code === 11000;
