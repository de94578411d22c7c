import { Schema, type Connection, type Model } from 'mongoose';
import type { PendingEvent } from './pending-event';

/**
 * One committed change of an aggregate: its state after the change, the
 * events the change caused, and the consumed event that caused it, if any.
 *
 * Why a log of inserts: FerretDB 1.x on SQLite applies a conditional update
 * (`{_id, version}` filter) without isolation, so two writers can both "win"
 * and one change is silently lost (FerretDB#3040; reproduced here: 19 of 20
 * rounds of 8 concurrent writers had several winners). An insert with a
 * unique `_id` has exactly one winner on MongoDB and FerretDB alike, so the
 * version check is the insert of `<aggregateId>:<version>`.
 */
export interface Commit<T = Record<string, unknown>> {
  _id: string;
  aggregateId: string;
  version: number;
  state: T;
  events: PendingEvent[];
  /** Id of the consumed event this change applied, for idempotent consumers. */
  causedBy?: string;
  /** Ids of the last consumed events applied to the aggregate, carried from commit to commit. */
  inbox: string[];
  committedAt: Date;
  /** The relay has published the events and brought the current-state document up to date. */
  published: boolean;
}

export const commitId = (aggregateId: string, version: number): string => `${aggregateId}:${String(version).padStart(10, '0')}`;

const commitSchema = new Schema(
  {
    _id: { type: String, required: true },
    aggregateId: { type: String, required: true },
    version: { type: Number, required: true },
    state: { type: Schema.Types.Mixed, required: true },
    events: { type: [Schema.Types.Mixed], default: [] },
    causedBy: { type: String },
    inbox: { type: [String], default: [] },
    committedAt: { type: Date, required: true },
    published: { type: Boolean, required: true },
  },
  { versionKey: false },
);
commitSchema.index({ aggregateId: 1, version: -1 });
commitSchema.index({ published: 1 });

/**
 * Where the relay finds work: one small document per commit not yet
 * published, deleted once it is. Polling this short collection stays cheap
 * however long the commit log grows (FerretDB's SQLite backend scans a
 * collection for any filter that is not on _id). It is written just after the
 * commit; a crash between the two writes is repaired by the relay's start-up
 * scan of the log for unpublished commits.
 */
export interface OutboxEntry {
  _id: string;
  aggregateId: string;
  version: number;
}

const outboxSchema = new Schema(
  {
    _id: { type: String, required: true },
    aggregateId: { type: String, required: true },
    version: { type: Number, required: true },
  },
  { versionKey: false },
);

export type CommitModel = Model<Commit>;
export type OutboxModel = Model<OutboxEntry>;

function registered<M>(connection: Connection, name: string, schema: Schema, collection: string): M {
  return ((connection.models[name] as M | undefined) ?? connection.model(name, schema.clone().set('collection', collection))) as M;
}

/** The commit log and the outbox beside an aggregate collection: `<collection>_commits`, `<collection>_outbox`. */
export function registerCommitModel(connection: Connection, aggregateModelName: string, collection: string): { commits: CommitModel; outbox: OutboxModel } {
  return {
    commits: registered<CommitModel>(connection, `${aggregateModelName}Commit`, commitSchema, `${collection}_commits`),
    outbox: registered<OutboxModel>(connection, `${aggregateModelName}Outbox`, outboxSchema, `${collection}_outbox`),
  };
}

export function commitModelOf(model: Model<never>): { commits: CommitModel; outbox: OutboxModel } {
  return registerCommitModel(model.db, model.modelName, model.collection.collectionName);
}
