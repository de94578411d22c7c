import { TransientError } from '@homeward/errors';
import type { Counters } from '../domain/counter-delta';
import { shardOf } from '../domain/shard';
import type { CounterShards } from './counter-shards';
import { KeyLock } from './key-lock';
import type { DocCollection, PendingDelta, ProjectionDoc } from './read-model.models';

const DUPLICATE_KEY = 11000;
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
  private readonly lock = new KeyLock();

  constructor(
    private readonly collection: DocCollection<ProjectionDoc<S>>,
    private readonly shards: CounterShards,
  ) {}

  find(id: string): Promise<ProjectionDoc<S> | null> {
    return this.collection.findOne({ _id: id }) as Promise<ProjectionDoc<S> | null>;
  }

  apply(id: string, eventId: string, project: (current: ProjectionDoc<S> | undefined) => Projected<S>): Promise<ApplyResult<S>> {
    return this.lock.run(id, async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const current = (await this.find(id)) ?? undefined;
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
    });
  }

  private async write(
    id: string,
    current: ProjectionDoc<S> | undefined,
    eventId: string,
    next: Projected<S>,
    pending: PendingDelta[],
  ): Promise<ProjectionDoc<S> | undefined> {
    const fields = { state: next.state, pending, ...(next.contribution ? { contribution: next.contribution } : {}) };
    if (!current) {
      const doc = { _id: id, version: 1, applied: [eventId], ...fields } as ProjectionDoc<S>;
      try {
        await this.collection.insertOne(doc as never);
        return doc;
      } catch (error) {
        if ((error as { code?: number }).code === DUPLICATE_KEY) return undefined;
        throw error;
      }
    }
    const version = current.version + 1;
    const result = await this.collection.updateOne(
      { _id: id, version: current.version },
      { $set: { ...fields, version }, $push: { applied: eventId } } as never,
    );
    if (result.matchedCount === 0) return undefined;
    return { ...current, ...fields, version, applied: [...current.applied, eventId] };
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
