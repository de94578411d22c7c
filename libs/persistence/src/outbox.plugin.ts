import { Schema, type Connection, type Model } from 'mongoose';
import type { PendingEvent } from './pending-event';

/** Fields every aggregate document carries so that its changes and events commit in one write. */
export interface OutboxFields {
  /** Incremented by every write; the optimistic-concurrency token (ETag). */
  version: number;
  /** Events caused by committed changes, not yet published, in order. */
  outbox: PendingEvent[];
  /** Indexed flag the relay polls on (FerretDB has no partial indexes). */
  outboxPending: boolean;
  /** Ids of the events already applied to this document: the idempotent consumer's record. */
  inbox: string[];
}

export function outboxPlugin(schema: Schema): void {
  schema.add({
    version: { type: Number, required: true, default: 1 },
    outbox: { type: [Schema.Types.Mixed], default: [] },
    outboxPending: { type: Boolean, required: true, default: false },
    inbox: { type: [String], default: [] },
  });
  schema.index({ outboxPending: 1 });
}

export type AggregateModel<T> = Model<T & OutboxFields & { _id: string }>;

/**
 * Declares an aggregate collection: adds the outbox fields to the schema and
 * returns the function that registers the model on a service's connection
 * (once per connection, so routes and handlers share it).
 */
export function aggregateModel<T>(name: string, schema: Schema): (connection: Connection) => AggregateModel<T> {
  schema.plugin(outboxPlugin);
  return (connection) =>
    (connection.models[name] as AggregateModel<T> | undefined) ?? (connection.model(name, schema) as unknown as AggregateModel<T>);
}
