import type { Model } from 'mongoose';
import type { PendingEvent } from './pending-event';

export interface OutboxBatch {
  readonly collection: string;
  readonly aggregateId: string;
  /** Version of the aggregate when read: the acknowledgement is conditional on it. */
  readonly version: number;
  readonly events: readonly PendingEvent[];
}

/**
 * The relay's view of one aggregate collection: documents with unpublished
 * events, and the removal of events once the broker has acknowledged them.
 */
export class OutboxStore {
  constructor(private readonly model: Model<never>) {}

  get name(): string {
    return this.model.collection.collectionName;
  }

  async pending(limit: number): Promise<OutboxBatch[]> {
    const docs = await this.model.collection
      .find({ outboxPending: true }, { projection: { outbox: 1, version: 1 }, limit })
      .toArray();
    return docs
      .map((doc) => ({
        collection: this.name,
        aggregateId: String(doc['_id']),
        version: Number(doc['version']),
        events: (doc['outbox'] as PendingEvent[] | undefined) ?? [],
      }));
  }

  /**
   * Removes published events. Conditional on the version read, so an event
   * appended meanwhile is never dropped; on a race the outbox is re-read and
   * only the published events are taken out. (FerretDB 1.x ignores a
   * conditional `$pull`, so the array is rewritten instead.)
   */
  async acknowledge(batch: OutboxBatch, publishedIds: readonly string[]): Promise<void> {
    const published = new Set(publishedIds);
    let { version, events } = batch;
    for (let attempt = 0; attempt < 20; attempt++) {
      const remaining = events.filter((e) => !published.has(e.id));
      const result = await this.model.collection.updateOne({ _id: batch.aggregateId, version } as never, {
        $set: { outbox: remaining, outboxPending: remaining.length > 0 },
      } as never);
      if (result.matchedCount === 1) return;
      const current = await this.model.collection.findOne(
        { _id: batch.aggregateId } as never,
        { projection: { outbox: 1, version: 1 } },
      );
      if (!current) return;
      version = Number(current['version']);
      events = (current['outbox'] as PendingEvent[] | undefined) ?? [];
    }
    throw new Error(`outbox of ${this.name}/${batch.aggregateId} kept changing; will retry`);
  }
}
