import type { Connection, Model, Query, Schema } from 'mongoose';
import { declarePersonalFields, openDocuments, type PersonalFields } from './personal-data.codec';

/** Fields every aggregate's document carries. */
export interface OutboxFields {
  /** Version of the last change; the optimistic-concurrency token (ETag). */
  version: number;
}

/**
 * The store's bookkeeping beside the state (see AggregateStore): never
 * selected by the service's own queries, so no list or route sees them.
 */
function outboxPlugin(schema: Schema): void {
  schema.add({
    version: { type: Number, required: true, default: 1 },
    outbox: { type: [Object], select: false, default: undefined },
    outboxAt: { type: Date, select: false },
    inbox: { type: [String], select: false, default: undefined },
  });
  // The relay's read: aggregates with unpublished events, oldest first.
  schema.index({ outboxAt: 1 });
}

/**
 * Lists and searches read the documents through mongoose queries: their
 * personal fields are opened on the way out, so a route sees what it would
 * have seen without encryption (a cursor is not covered: open its documents
 * with openDocuments).
 */
function openOnRead(schema: Schema): void {
  schema.post(['find', 'findOne'], async function (this: Query<unknown, unknown>, result: unknown) {
    const documents = (Array.isArray(result) ? result : result ? [result] : []) as Record<string, unknown>[];
    if (documents.length > 0) await openDocuments(this.model as unknown as Model<never>, documents);
  });
}

export type AggregateModel<T> = Model<T & OutboxFields & { _id: string }>;

/**
 * Declares an aggregate collection: one document per aggregate, its state
 * and its unpublished events together (see AggregateStore). Returns the
 * function that registers it on a service's connection, once per connection.
 * `personal` names the fields the privacy layer seals (default: `personal`)
 * and the search keys it blinds; the aggregate's id is the child whose key
 * seals them.
 */
export function aggregateModel<T>(name: string, schema: Schema, personal: Partial<PersonalFields> = {}): (connection: Connection) => AggregateModel<T> {
  schema.plugin(outboxPlugin);
  declarePersonalFields(schema, personal);
  openOnRead(schema);
  return (connection) =>
    (connection.models[name] as AggregateModel<T> | undefined) ?? (connection.model(name, schema) as unknown as AggregateModel<T>);
}

