import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { isDuplicateKey, type StoredAggregate } from './aggregate.document';
import type { PendingEvent } from './pending-event';

export interface OutboxBatch {
  readonly aggregateId: string;
  /** The aggregate's unpublished events, oldest first. */
  readonly events: readonly PendingEvent[];
}

/** How long a relay's claim on a collection lasts without renewal: a crashed instance's twin takes over after this. */
const LEASE_MS = 10_000;

interface Lease {
  _id: string;
  owner: string;
  until: Date;
}

/**
 * The relay's view of one aggregate collection: the aggregates whose
 * documents hold unpublished events (indexed on `outboxAt`), and taking the
 * published ones off. One relay at a time drains a collection, whichever
 * instance of the service holds its lease, so an aggregate's events never
 * overtake each other across instances.
 */
export class OutboxStore {
  private readonly owner = randomUUID();
  private heldUntil = 0;

  constructor(private readonly model: Model<never>) {}

  get name(): string {
    return this.model.collection.collectionName;
  }

  /**
   * Aggregates with unpublished events, the longest waiting first, each with
   * all of its events; about `limit` events in all (whole aggregates). Empty
   * while another instance's relay holds the collection.
   */
  async pending(limit: number): Promise<OutboxBatch[]> {
    if (!(await this.holdLease())) return [];
    const batches: OutboxBatch[] = [];
    let events = 0;
    const cursor = this.model.collection
      .find({ outboxAt: { $gt: new Date(0) } } as never, { projection: { _id: 1, outbox: 1 } })
      .sort({ outboxAt: 1 })
      .batchSize(100);
    try {
      for await (const raw of cursor) {
        const { _id, outbox = [] } = raw as unknown as StoredAggregate;
        if (outbox.length === 0) continue;
        batches.push({ aggregateId: _id, events: outbox });
        events += outbox.length;
        if (events >= limit) break;
      }
    } finally {
      await cursor.close();
    }
    return batches;
  }

  /**
   * Takes the published events off their aggregates, and clears `outboxAt`
   * of those left with none; one ordered bulk write for the pass. Events
   * committed meanwhile stay, and keep the aggregate on the relay's index.
   */
  async acknowledge(...batches: readonly OutboxBatch[]): Promise<void> {
    if (batches.length === 0) return;
    await this.model.collection.bulkWrite(
      batches.flatMap(({ aggregateId, events }) => [
        { updateOne: { filter: { _id: aggregateId }, update: { $pull: { outbox: { id: { $in: events.map((e) => e.id) } } } } } },
        { updateOne: { filter: { _id: aggregateId, outbox: { $size: 0 } }, update: { $unset: { outboxAt: 1 } } } },
      ]) as never,
      { ordered: true },
    );
  }

  /** Gives the collection up at once (a graceful stop), so a twin need not wait for the lease to run out. */
  async release(): Promise<void> {
    if (this.heldUntil === 0) return;
    this.heldUntil = 0;
    await this.leases.deleteOne({ _id: this.name, owner: this.owner } as never);
  }

  /** Claims or renews this relay's lease on the collection; renewed once half of it has run. */
  private async holdLease(): Promise<boolean> {
    const now = Date.now();
    if (now < this.heldUntil - LEASE_MS / 2) return true;
    const until = new Date(now + LEASE_MS);
    try {
      await this.leases.updateOne(
        { _id: this.name, $or: [{ owner: this.owner }, { until: { $lt: new Date(now) } }] } as never,
        { $set: { owner: this.owner, until } },
        { upsert: true },
      );
      this.heldUntil = until.getTime();
      return true;
    } catch (error) {
      // Another instance holds an unexpired lease: the upsert met its document.
      if (!isDuplicateKey(error)) throw error;
      this.heldUntil = 0;
      return false;
    }
  }

  private get leases() {
    return this.model.db.collection<Lease>('outbox_leases');
  }
}

/** How many aggregates of a collection hold events the relay has yet to publish (tests and benchmarks wait for none). */
export function countUnpublished(model: Model<never>): Promise<number> {
  return model.collection.countDocuments({ outboxAt: { $gt: new Date(0) } } as never);
}
