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
    committedAt: { type: Date, required: true },
    published: { type: Boolean, required: true },
  },
  { versionKey: false },
);
commitSchema.index({ aggregateId: 1, version: -1 });
commitSchema.index({ aggregateId: 1, causedBy: 1 });
commitSchema.index({ published: 1, committedAt: 1 });

export type CommitModel = Model<Commit>;

/** The commit log beside an aggregate collection: `<collection>_commits`. */
export function registerCommitModel(connection: Connection, aggregateModelName: string, collection: string): CommitModel {
  const name = `${aggregateModelName}Commit`;
  return (
    (connection.models[name] as CommitModel | undefined) ??
    (connection.model(name, commitSchema.clone().set('collection', `${collection}_commits`)) as unknown as CommitModel)
  );
}

export function commitModelOf(model: Model<never>): CommitModel {
  return registerCommitModel(model.db, model.modelName, model.collection.collectionName);
}
