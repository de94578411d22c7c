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
  /**
   * Written false. Commits published before the publication marks existed
   * were set true here; newer ones are marked in `<collection>_published`.
   */
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
 * Where the relay finds work: small documents for the commits not yet
 * published, deleted once they are. Polling this short collection stays cheap
 * however long the commit log grows (FerretDB's SQLite backend scans a
 * collection for any filter that is not on _id, and even an update or delete
 * by _id costs a scan there: about 4 s per update on 20,000 commits).
 *
 * An entry carries what the relay needs, so that publishing reads nothing
 * else: the events, and the state to project. Three shapes:
 * - one commit (`AggregateStore` append): `_id` is the commit id, with
 *   `events` and `state`;
 * - many commits written by one `createMany` (a bulk import): `commits`, each
 *   with its events; the current-state documents were written before the
 *   entry, so there is nothing to project;
 * - one commit put back by the start-up recovery (or written before entries
 *   carried events): `_id`, `aggregateId` and `version` only; the relay reads
 *   the commit.
 * It is written just after the commits; a crash between the two writes is
 * repaired by the relay's start-up scan of the log.
 */
export interface OutboxEntry {
  _id: string;
  aggregateId?: string;
  version?: number;
  events?: PendingEvent[];
  state?: Record<string, unknown>;
  commits?: Array<{ _id: string; aggregateId: string; version: number; events: PendingEvent[] }>;
}

/** Id prefix of an entry that holds many commits. */
export const BATCH_ENTRY = 'batch:';

const outboxSchema = new Schema(
  {
    _id: { type: String, required: true },
    aggregateId: { type: String },
    version: { type: Number },
    events: { type: [Schema.Types.Mixed], default: undefined },
    state: { type: Schema.Types.Mixed },
    commits: { type: [Schema.Types.Mixed], default: undefined },
  },
  { versionKey: false },
);

/**
 * One document per published commit (`_id` = commit id), inserted by the
 * relay after the broker acknowledged the events. An insert, where marking the
 * commit itself would be an update (a scan per commit on FerretDB). The relay
 * looks here before publishing version n+1 of an aggregate, so an aggregate's
 * events never overtake each other; the recovery scan looks here to tell a
 * published commit from a lost one.
 */
export interface PublishedMark {
  _id: string;
}

const publishedSchema = new Schema({ _id: { type: String, required: true } }, { versionKey: false });

export type CommitModel = Model<Commit>;
export type OutboxModel = Model<OutboxEntry>;
export type PublishedModel = Model<PublishedMark>;

function registered<M>(connection: Connection, name: string, schema: Schema, collection: string): M {
  return ((connection.models[name] as M | undefined) ?? connection.model(name, schema.clone().set('collection', collection))) as M;
}

export interface CommitModels {
  commits: CommitModel;
  outbox: OutboxModel;
  published: PublishedModel;
}

/** The commit log, the outbox and the publication marks beside an aggregate collection: `<collection>_commits`, `_outbox`, `_published`. */
export function registerCommitModel(connection: Connection, aggregateModelName: string, collection: string): CommitModels {
  return {
    commits: registered<CommitModel>(connection, `${aggregateModelName}Commit`, commitSchema, `${collection}_commits`),
    outbox: registered<OutboxModel>(connection, `${aggregateModelName}Outbox`, outboxSchema, `${collection}_outbox`),
    published: registered<PublishedModel>(connection, `${aggregateModelName}Published`, publishedSchema, `${collection}_published`),
  };
}

export function commitModelOf(model: Model<never>): CommitModels {
  return registerCommitModel(model.db, model.modelName, model.collection.collectionName);
}
