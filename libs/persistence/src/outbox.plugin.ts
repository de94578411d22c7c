import type { Connection, Model, Query, Schema } from 'mongoose';
import { registerCommitModel } from './commit-log';
import { declarePersonalFields, openDocuments, type PersonalFields } from './personal-data.codec';

/** Fields every aggregate's current-state document carries. */
export interface OutboxFields {
  /** Version of the last change; the optimistic-concurrency token (ETag). */
  version: number;
}

export function outboxPlugin(schema: Schema): void {
  schema.add({ version: { type: Number, required: true, default: 1 } });
}

/**
 * Lists and searches read the current-state documents through mongoose
 * queries: their personal fields are opened on the way out, so a route sees
 * what it would have seen without encryption (a cursor is not covered:
 * open its documents with openDocuments).
 */
function openOnRead(schema: Schema): void {
  schema.post(['find', 'findOne'], async function (this: Query<unknown, unknown>, result: unknown) {
    const documents = (Array.isArray(result) ? result : result ? [result] : []) as Record<string, unknown>[];
    if (documents.length > 0) await openDocuments(this.model as unknown as Model<never>, documents);
  });
}

export type AggregateModel<T> = Model<T & OutboxFields & { _id: string }>;

/**
 * Declares an aggregate collection: the current-state documents (queried by
 * lists and searches) and, beside them, the commit log that is the truth and
 * the outbox (see commit-log.ts). Returns the function that registers both on
 * a service's connection, once per connection. `personal` names the fields
 * the privacy layer seals (default: `personal`) and the search keys it blinds;
 * the aggregate's id is the child whose key seals them.
 */
export function aggregateModel<T>(name: string, schema: Schema, personal: Partial<PersonalFields> = {}): (connection: Connection) => AggregateModel<T> {
  schema.plugin(outboxPlugin);
  declarePersonalFields(schema, personal);
  openOnRead(schema);
  return (connection) => {
    const model =
      (connection.models[name] as AggregateModel<T> | undefined) ?? (connection.model(name, schema) as unknown as AggregateModel<T>);
    registerCommitModel(connection, name, model.collection.collectionName);
    return model;
  };
}
