import { Schema, type Connection, type Model } from 'mongoose';
import { registerCommitModel } from './commit-log';

/** Fields every aggregate's current-state document carries. */
export interface OutboxFields {
  /** Version of the last change; the optimistic-concurrency token (ETag). */
  version: number;
}

export function outboxPlugin(schema: Schema): void {
  schema.add({ version: { type: Number, required: true, default: 1 } });
}

export type AggregateModel<T> = Model<T & OutboxFields & { _id: string }>;

/**
 * Declares an aggregate collection: the current-state documents (queried by
 * lists and searches) and, beside them, the commit log that is the truth and
 * the outbox (see commit-log.ts). Returns the function that registers both on
 * a service's connection, once per connection.
 */
export function aggregateModel<T>(name: string, schema: Schema): (connection: Connection) => AggregateModel<T> {
  schema.plugin(outboxPlugin);
  return (connection) => {
    const model =
      (connection.models[name] as AggregateModel<T> | undefined) ?? (connection.model(name, schema) as unknown as AggregateModel<T>);
    registerCommitModel(connection, name, model.collection.collectionName);
    return model;
  };
}
