import type { Model } from 'mongoose';
import { insertManyIgnoringDuplicates, projectCurrent } from './aggregate.store';
import { isDuplicateKey } from './busy-retry';
import { BATCH_ENTRY, commitId, commitModelOf, type Commit, type CommitModel, type OutboxEntry, type OutboxModel, type PublishedModel } from './commit-log';
import type { PendingEvent } from './pending-event';

type PendingCommit = Pick<Commit, '_id' | 'version' | 'aggregateId'> & { state?: Commit['state'] };

export interface OutboxBatch {
  readonly collection: string;
  readonly aggregateId: string;
  /** Unpublished commits of the aggregate, oldest first. */
  readonly commits: readonly PendingCommit[];
  readonly events: readonly PendingEvent[];
  /** Outbox entries these commits came from (an import's entry holds many aggregates). */
  readonly entries: readonly string[];
  /** The current-state document needs bringing to the newest commit (not for an import's entry, written before it). */
  readonly project: boolean;
}

/** Outbox entries read per poll: an import's entry holds a whole chunk, so a few of those make a large pass. */
const ENTRIES_PER_POLL = 200;
const CONCURRENT_READS = 8;
const ACKNOWLEDGED_KEPT = 20_000;

/**
 * The relay's view of one aggregate collection: commits not yet published,
 * grouped per aggregate in version order, and their acknowledgement. Every
 * write here is an insert or a delete of a short-lived entry by _id, and the
 * read is the head of the outbox: FerretDB's SQLite backend scans for
 * anything else (see commit-log.ts).
 */
export class OutboxStore {
  private readonly commits: CommitModel;
  private readonly outbox: OutboxModel;
  private readonly published: PublishedModel;
  /** Commits of the import entries the last `pending` read, so acknowledging them reads nothing back. */
  private readonly entryCommits = new Map<string, readonly string[]>();
  /** Commits this relay saw acknowledged, newest last: their successors need no read of the marks. */
  private readonly acknowledgedHere = new Set<string>();

  constructor(private readonly model: Model<never>) {
    ({ commits: this.commits, outbox: this.outbox, published: this.published } = commitModelOf(model));
  }

  get name(): string {
    return this.model.collection.collectionName;
  }

  /**
   * Aggregates with unpublished commits, each with all of those the outbox's
   * head holds, oldest first; about `limit` events in all (whole entries).
   * An aggregate whose previous version is not yet published is left for a
   * later poll, so that its events never overtake each other.
   */
  async pending(limit: number): Promise<OutboxBatch[]> {
    const byAggregate = new Map<string, { commits: Array<PendingCommit & { events: PendingEvent[] }>; entries: Set<string>; project: boolean }>();
    const add = (entryId: string, commit: PendingCommit & { events: PendingEvent[] }, project: boolean) => {
      let group = byAggregate.get(commit.aggregateId);
      if (!group) byAggregate.set(commit.aggregateId, (group = { commits: [], entries: new Set(), project: false }));
      if (!group.commits.some((c) => c._id === commit._id)) group.commits.push(commit);
      group.entries.add(entryId);
      group.project ||= project;
    };
    const bare: OutboxEntry[] = [];
    let events = 0;
    // Read the head a few entries at a time and stop at `limit` events: an
    // import's entry holds a whole chunk (about half a megabyte).
    const cursor = this.outbox.collection.find({}).limit(ENTRIES_PER_POLL).batchSize(8);
    try {
      for await (const raw of cursor) {
        const entry = raw as unknown as OutboxEntry;
        if (entry.commits) {
          this.entryCommits.set(entry._id, entry.commits.map((c) => c._id));
          for (const c of entry.commits) add(entry._id, c, false);
          events += entry.commits.length;
        } else if (entry.events && entry.aggregateId !== undefined && entry.version !== undefined) {
          add(entry._id, { _id: entry._id, aggregateId: entry.aggregateId, version: entry.version, events: entry.events, ...(entry.state ? { state: entry.state } : {}) }, true);
          events += Math.max(1, entry.events.length);
        } else {
          bare.push(entry);
          events++;
        }
        if (events >= limit) break;
      }
    } finally {
      await cursor.close();
    }
    if (byAggregate.size === 0 && bare.length === 0) return [];
    // Entries without their events (put back by the recovery): one read of the commit each, by _id.
    const found = await mapLimited(bare, CONCURRENT_READS, (e) => this.commits.collection.findOne({ _id: e._id } as never) as Promise<Commit | null>);
    found.forEach((commit, i) => commit && add(bare[i]!._id, commit, true));

    const batches = await mapLimited([...byAggregate.entries()], CONCURRENT_READS, async ([aggregateId, group]) => {
      group.commits.sort((a, b) => a.version - b.version);
      const first = group.commits[0]!;
      if (first.version > 1 && !(await this.isPublished(commitId(aggregateId, first.version - 1)))) return null;
      const batch: OutboxBatch = {
        collection: this.name,
        aggregateId,
        commits: group.commits.map(({ events: _e, ...c }) => c),
        events: group.commits.flatMap((c) => c.events),
        entries: [...group.entries],
        project: group.project,
      };
      return batch;
    });
    return batches.filter((b): b is OutboxBatch => b !== null);
  }

  /**
   * Records the batches' commits as published, brings the current-state
   * documents to the newest commit, and takes the entries off the outbox;
   * in that order, so a crash in between republishes (at least once) and
   * never loses. Acknowledge the batches of one `pending` together: an
   * import's entry is removed only when all its commits are acknowledged.
   */
  async acknowledge(...batches: readonly OutboxBatch[]): Promise<void> {
    if (batches.length === 0) return;
    const commitIds = batches.flatMap((b) => b.commits.map((c) => c._id));
    await insertManyIgnoringDuplicates(this.published as unknown as Model<never>, commitIds.map((_id) => ({ _id })));
    for (const id of commitIds) this.acknowledgedHere.add(id);
    for (const id of this.acknowledgedHere) {
      if (this.acknowledgedHere.size <= ACKNOWLEDGED_KEPT) break;
      this.acknowledgedHere.delete(id);
    }
    await mapLimited(batches.filter((b) => b.project), CONCURRENT_READS, async (batch) => {
      const newest = batch.commits.at(-1)!;
      const state = newest.state ?? ((await this.commits.collection.findOne({ _id: newest._id } as never)) as Commit | null)?.state;
      if (state) await projectCurrent(this.model, { aggregateId: batch.aggregateId, version: newest.version, state });
    });
    const acknowledged = new Set(commitIds);
    const done: string[] = [];
    for (const _id of new Set(batches.flatMap((b) => b.entries))) {
      let commits = this.entryCommits.get(_id);
      if (!commits && _id.startsWith(BATCH_ENTRY)) {
        commits = (((await this.outbox.collection.findOne({ _id } as never)) as OutboxEntry | null)?.commits ?? []).map((c) => c._id);
      }
      if (!commits || commits.every((c) => acknowledged.has(c))) {
        done.push(_id);
        this.entryCommits.delete(_id);
      }
    }
    // One delete for the pass: FerretDB scans the outbox for each delete, by _id or not.
    if (done.length > 0) await this.outbox.collection.deleteMany({ _id: { $in: done } } as never);
  }

  /**
   * Start-up repair: puts back on the outbox any commit a crash left between
   * its insert and its outbox entry. Scans the log, the marks and the outbox
   * once, so not on every poll.
   */
  async recover(): Promise<number> {
    const candidates = await this.commits.find({ published: false }, { _id: 1, aggregateId: 1, version: 1 }).lean().exec();
    if (candidates.length === 0) return 0;
    const marked = new Set((await this.published.collection.find({}, { projection: { _id: 1 } }).toArray()).map((m) => String(m._id)));
    const queued = new Set<string>();
    for (const entry of (await this.outbox.collection.find({}).toArray()) as unknown as OutboxEntry[]) {
      queued.add(entry._id);
      for (const c of entry.commits ?? []) queued.add(c._id);
    }
    let restored = 0;
    for (const commit of candidates) {
      if (marked.has(commit._id) || queued.has(commit._id)) continue;
      try {
        await this.outbox.collection.insertOne({ _id: commit._id, aggregateId: commit.aggregateId, version: commit.version } as never);
        restored++;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    return restored;
  }

  private async isPublished(id: string): Promise<boolean> {
    if (this.acknowledgedHere.has(id)) return true;
    if (await this.published.collection.findOne({ _id: id } as never, { projection: { _id: 1 } })) return true;
    // Commits published before the marks existed carry the flag instead.
    const commit = (await this.commits.collection.findOne({ _id: id } as never, { projection: { published: 1 } })) as { published?: boolean } | null;
    return commit?.published === true;
  }
}

async function mapLimited<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
