import type { Model } from 'mongoose';
import { commitModelOf, type Commit, type CommitModel } from './commit-log';
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

  constructor(private readonly model: Model<never>) {
    this.commits = commitModelOf(model);
  }

  get name(): string {
    return this.model.collection.collectionName;
  }

  async pending(limit: number): Promise<OutboxBatch[]> {
    const found = (await this.commits
      .find({ published: false })
      .sort({ committedAt: 1, version: 1 })
      .limit(limit)
      .lean()
      .exec()) as Commit[];
    const byAggregate = new Map<string, Commit[]>();
    for (const commit of found) byAggregate.set(commit.aggregateId, [...(byAggregate.get(commit.aggregateId) ?? []), commit]);
    return [...byAggregate.entries()].map(([aggregateId, commits]) => {
      commits.sort((a, b) => a.version - b.version);
      return { collection: this.name, aggregateId, commits, events: commits.flatMap((c) => c.events) };
    });
  }

  /**
   * Marks the batch's commits published (only the relay writes this flag, so
   * no write races it) and brings the current-state document to the newest.
   */
  async acknowledge(batch: OutboxBatch): Promise<void> {
    const newest = batch.commits.at(-1);
    if (!newest) return;
    await projectCurrent(this.model, newest);
    await this.commits.collection.updateMany({ _id: { $in: batch.commits.map((c) => c._id) } } as never, { $set: { published: true } });
  }
}
