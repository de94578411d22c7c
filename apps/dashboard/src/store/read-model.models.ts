import { Schema, type Connection, type Model } from 'mongoose';
import type { CaseState } from '../domain/case-projection';
import type { Counters } from '../domain/counter-delta';
import type { MovementState } from '../domain/movement-projection';
import type { Passenger } from '../domain/escort-status';

/** A counter change not yet known to be in its shard: the outbox of a projection document. */
export interface PendingDelta {
  readonly token: string;
  readonly shard: number;
  readonly inc: Record<string, number>;
}

/** What every projection document has: a version for compare-and-set, the events it took in, its pending counter changes. */
export interface ProjectionDoc<S> {
  _id: string;
  version: number;
  applied: string[];
  pending: PendingDelta[];
  state: S;
  contribution?: Counters;
}

export type CaseViewDoc = ProjectionDoc<CaseState>;
export interface MovementViewDoc extends ProjectionDoc<MovementState> {
  /** Kept by the cases' events (keyed by case), outside `state`, which the movement's own events write. */
  passengers?: Record<string, Passenger>;
}
export interface ProgrammeState {
  readonly name?: string;
  readonly originState?: string;
  readonly destinationState?: string;
  readonly status?: 'active' | 'suspended';
  readonly childrenPerEscort?: number;
  /** The agencies taking part (programme.created.v1, programme.participants-changed.v1); absent for a programme from before the lists: operators only. */
  readonly participatingAgencies?: readonly string[];
}
export type ProgrammeViewDoc = ProjectionDoc<ProgrammeState>;

/** The field path a hold's reason is sealed under (bound to it: a sealed reason opens only as one). */
export const HOLD_REASON_PATH = 'holds.reason';

export interface HoldViewDoc {
  _id: string;
  caseId: string;
  category: string;
  /** Sealed with the child's key where the service has its privacy layer (always, when it runs). */
  reason: unknown;
  placedBy: string;
  placedAt: string;
}

/** Counters of one shard; `t` holds the tokens of the changes applied but not yet settled. */
export interface CounterShardDoc {
  _id: string;
  t?: Record<string, number>;
  [field: string]: unknown;
}

type Doc = Record<string, unknown>;

/**
 * The few driver calls the read model makes, typed loosely on purpose: the
 * driver's own filter types expand every nested path of these documents and
 * make the type checker run out of memory.
 */
export interface DocCollection<T> {
  findOne(filter: Doc): Promise<T | null>;
  find(filter: Doc, options?: { projection?: Doc }): { toArray(): Promise<T[]> };
  insertOne(doc: T): Promise<unknown>;
  updateOne(filter: Doc, update: Doc, options?: { upsert?: boolean }): Promise<{ matchedCount: number; modifiedCount: number }>;
  replaceOne(filter: Doc, doc: T, options?: { upsert?: boolean }): Promise<unknown>;
  deleteMany(filter: Doc): Promise<unknown>;
}

// Dotted counter paths are written with $inc through the driver; mongoose
// models only name the collections and declare the indexes.
const loose = (collection: string, indexes: Array<Record<string, 1>> = []) => {
  const schema = new Schema({ _id: { type: String, required: true } }, { strict: false, versionKey: false, collection });
  for (const index of indexes) schema.index(index);
  return schema;
};

// Untyped on purpose too: mongoose's document types over these shapes are as costly to check.
const register = <T>(connection: Connection, name: string, schema: Schema): DocCollection<T> =>
  ((connection.models[name] as Model<unknown> | undefined) ?? connection.model(name, schema)).collection as unknown as DocCollection<T>;

export interface ReadModel {
  readonly cases: DocCollection<CaseViewDoc>;
  readonly movements: DocCollection<MovementViewDoc>;
  readonly programmes: DocCollection<ProgrammeViewDoc>;
  readonly holds: DocCollection<HoldViewDoc>;
  readonly shards: DocCollection<CounterShardDoc>;
}

/** Every collection of the read model, which `npm run rebuild -- dashboard` replays from the topics. */
export const READ_MODEL_COLLECTIONS = ['case_views', 'movement_views', 'programme_views', 'hold_views', 'counter_shards'] as const;

export function registerReadModel(connection: Connection): ReadModel {
  return {
    cases: register<CaseViewDoc>(connection, 'CaseView', loose('case_views')),
    movements: register<MovementViewDoc>(connection, 'MovementView', loose('movement_views', [{ 'state.status': 1 }])),
    programmes: register<ProgrammeViewDoc>(connection, 'ProgrammeView', loose('programme_views')),
    holds: register<HoldViewDoc>(connection, 'HoldView', loose('hold_views', [{ caseId: 1 }])),
    shards: register<CounterShardDoc>(connection, 'CounterShard', loose('counter_shards')),
  };
}
