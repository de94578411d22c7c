import { TransientError } from '@homeward/errors';
import type { Counters } from '../domain/counter-delta';
import { shardOf } from '../domain/shard';
import type { CounterShards } from './counter-shards';
import type { KeyedLock } from '@homeward/messaging';
import type { DocCollection, PendingDelta, ProjectionDoc } from './read-model.models';

const DUPLICATE_KEY = 11000;

// Field names may not contain dots: counter paths are kept with `|` in the
// documents (a contribution, a pending change) and turned back into dotted
// paths only for the shard's `$inc`.
const stored = (counters: Counters): Record<string, number> =>
  Object.fromEntries(Object.entries(counters).map(([path, n]) => [path.replaceAll('.', '|'), n]));
const loaded = (counters: Counters | undefined): Record<string, number> =>
  Object.fromEntries(Object.entries(counters ?? {}).map(([path, n]) => [path.replaceAll('|', '.'), n]));
const MAX_ATTEMPTS = 20;

export interface Projected<S> {
  readonly state: S;
  readonly contribution?: Counters;
  /** Counter changes this event causes (the contribution's difference, the throughput minute). */
  readonly delta: Record<string, number>;
}

export interface ApplyResult<S> {
  /** The document as it is now, whether this call changed it or found the event already applied. */
  readonly doc: ProjectionDoc<S>;
  /** The document before this event, if it existed. */
  readonly before?: ProjectionDoc<S>;
  readonly fresh: boolean;
}

/**
 * Projects events onto one kind of document (a case, a movement, a
 * programme) exactly once, with no transaction: the event id and the counter
 * changes it causes are written with the new state in one version-checked
 * write; the changes are then added to their shard (idempotent by token) and
 * dropped from the document. A crash at any point leaves the changes pending,
 * and whichever event next reaches the document (a redelivery of the same
 * one included) adds them.
 */
export class ProjectionStore<S> {
  /**
   * @param lock shared by everything that writes these documents in this
   * process: the writes themselves are version-checked, but the effects a
   * change derives (a movement's passenger list) must follow the document's
   * own order, which the lock keeps.
   */
  constructor(
    private readonly collection: DocCollection<ProjectionDoc<S>>,
    private readonly shards: CounterShards,
    private readonly lock: KeyedLock,
    private readonly namespace: string,
  ) {}

  /** The document with its counters as dotted paths. */
  async read(id: string): Promise<ProjectionDoc<S> | undefined> {
    const doc = await this.collection.findOne({ _id: id });
    if (!doc) return undefined;
    return {
      ...doc,
      applied: doc.applied ?? [],
      pending: (doc.pending ?? []).map((p) => ({ ...p, inc: loaded(p.inc) })),
      ...(doc.contribution ? { contribution: loaded(doc.contribution) } : {}),
    };
  }

  /**
   * `effects` runs after the write, still holding the document's lock: what
   * it derives from the document (a movement's passenger list) is written in
   * the same order as the document's own changes.
   */
  apply(
    id: string,
    eventId: string,
    project: (current: ProjectionDoc<S> | undefined) => Projected<S>,
    effects: (doc: ProjectionDoc<S>) => Promise<void> = async () => {},
  ): Promise<ApplyResult<S>> {
    return this.lock.run(`${this.namespace}:${id}`, async () => {
      const result = await this.applyOnce(id, eventId, project);
      await effects(result.doc);
      return result;
    });
  }

  private async applyOnce(id: string, eventId: string, project: (current: ProjectionDoc<S> | undefined) => Projected<S>): Promise<ApplyResult<S>> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.read(id);
      if (current?.applied.includes(eventId)) {
        return { doc: await this.flush(current), before: current, fresh: false };
      }
      const next = project(current);
      const pending: PendingDelta[] = [...(current?.pending ?? [])];
      if (Object.keys(next.delta).length > 0) pending.push({ token: `${eventId}_${id}`, shard: shardOf(id), inc: next.delta });
      const written = await this.write(id, current, eventId, next, pending);
      if (!written) continue;
      return { doc: await this.flush(written), ...(current ? { before: current } : {}), fresh: true };
    }
    throw new TransientError(`${id} changed concurrently ${MAX_ATTEMPTS} times`);
  }

  private async write(
    id: string,
    current: ProjectionDoc<S> | undefined,
    eventId: string,
    next: Projected<S>,
    pending: PendingDelta[],
  ): Promise<ProjectionDoc<S> | undefined> {
    const fields = {
      state: next.state,
      pending: pending.map((p) => ({ ...p, inc: stored(p.inc) })),
      ...(next.contribution ? { contribution: stored(next.contribution) } : {}),
    };
    // Every event moves the version on by two, one for its state and one for settling its counters (the
    // flush), also when it has none to settle: the version then counts the events, whichever order they came in.
    const step = pending.length > 0 ? 1 : 2;
    if (!current) {
      try {
        await this.collection.insertOne({ _id: id, version: step, applied: [eventId], ...fields } as never);
        return { _id: id, version: step, applied: [eventId], state: next.state, pending, ...(next.contribution ? { contribution: next.contribution } : {}) };
      } catch (error) {
        if ((error as { code?: number }).code === DUPLICATE_KEY) return undefined;
        throw error;
      }
    }
    const version = current.version + step;
    // Sorted, not in arrival order: a rebuild from the topics reads them in another order and must store the same document.
    const applied = [...current.applied, eventId].sort();
    const result = await this.collection.updateOne({ _id: id, version: current.version }, { $set: { ...fields, version, applied } } as never);
    if (result.matchedCount === 0) return undefined;
    return { ...current, state: next.state, pending, ...(next.contribution ? { contribution: next.contribution } : {}), version, applied };
  }

  /** Adds the document's pending changes to their shards, then drops them from it. */
  private async flush(doc: ProjectionDoc<S>): Promise<ProjectionDoc<S>> {
    if (doc.pending.length === 0) return doc;
    for (const delta of doc.pending) await this.shards.apply(delta);
    const version = doc.version + 1;
    const result = await this.collection.updateOne({ _id: doc._id, version: doc.version }, { $set: { pending: [], version } } as never);
    // Another instance moved the document on: it flushes what it saw.
    if (result.matchedCount === 0) return doc;
    this.shards.settle(doc.pending);
    return { ...doc, pending: [], version };
  }
}
