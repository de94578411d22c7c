import type { Model } from 'mongoose';
import { commitModelOf, type Commit, type CommitModel, type OutboxModel } from './commit-log';
import { projectCurrent } from './aggregate.store';
import type { PendingEvent } from './pending-event';

export interface OutboxBatch {
  readonly collection: string;
  readonly aggregateId: string;
  /** Unpublished commits of the aggregate, oldest first. */
  readonly commits: ReadonlyArray<Pick<Commit, '_id' | 'version' | 'state' | 'aggregateId'>>;
  readonly events: readonly PendingEvent[];
}

/**
 * The relay's view of one aggregate collection: commits not yet published,
 * grouped per aggregate in version order, and their acknowledgement.
 */
export class OutboxStore {
  private readonly commits: CommitModel;
  private readonly outbox: OutboxModel;

  constructor(private readonly model: Model<never>) {
    ({ commits: this.commits, outbox: this.outbox } = commitModelOf(model));
  }

  get name(): string {
    return this.model.collection.collectionName;
  }

  /** Up to `limit` aggregates with unpublished commits, each with all of them, so none is published out of order. */
  async pending(limit: number): Promise<OutboxBatch[]> {
    const entries = await this.outbox.find({}).lean().exec();
    if (entries.length === 0) return [];
    const aggregates = [...new Set(entries.map((e) => e.aggregateId))].slice(0, limit);
    const chosen = new Set(aggregates);
    const ids = entries.filter((e) => chosen.has(e.aggregateId)).map((e) => e._id);
    // One lookup per _id: FerretDB's SQLite backend would scan the log for an $in.
    const found = (await Promise.all(ids.map((id) => this.commits.collection.findOne({ _id: id } as never)))).filter(
      (c): c is never => c !== null,
    ) as Commit[];
    const byAggregate = new Map<string, Commit[]>();
    for (const commit of found) byAggregate.set(commit.aggregateId, [...(byAggregate.get(commit.aggregateId) ?? []), commit]);
    return [...byAggregate.entries()].map(([aggregateId, commits]) => {
      commits.sort((a, b) => a.version - b.version);
      return { collection: this.name, aggregateId, commits, events: commits.flatMap((c) => c.events) };
    });
  }

  /**
   * Marks the batch's commits published (only the relay writes this flag, so
   * no write races it), brings the current-state document to the newest, and
   * takes the commits off the outbox.
   */
  async acknowledge(batch: OutboxBatch): Promise<void> {
    const newest = batch.commits.at(-1);
    if (!newest) return;
    const ids = batch.commits.map((c) => c._id);
    await projectCurrent(this.model, newest);
    await Promise.all(ids.map((id) => this.commits.collection.updateOne({ _id: id } as never, { $set: { published: true } })));
    await Promise.all(ids.map((id) => this.outbox.collection.deleteOne({ _id: id } as never)));
  }

  /**
   * Start-up repair: puts back on the outbox any commit a crash left between
   * its insert and its outbox entry. Scans the log once, so not on every poll.
   */
  async recover(): Promise<number> {
    const lost = await this.commits.find({ published: false }, { _id: 1, aggregateId: 1, version: 1 }).lean().exec();
    let restored = 0;
    for (const commit of lost) {
      try {
        await this.outbox.collection.insertOne({ _id: commit._id, aggregateId: commit.aggregateId, version: commit.version } as never);
        restored++;
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
      }
    }
    return restored;
  }
}
