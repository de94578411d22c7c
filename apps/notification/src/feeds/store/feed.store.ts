import type { Connection, Model } from 'mongoose';
import { DataErasedError, isErased, isSealed, type Privacy } from '@homeward/privacy';
import { registerFeedModels, type FeedCounter, type FeedEntry } from './feed-entry.model';

const DUPLICATE_KEY = 11000;
const MAX_DRAWS = 20;
const SKIP_SLACK = 50;

export type NewFeedEntry = Pick<FeedEntry, 'eventId' | 'type' | 'time' | 'data' | 'sealedFor'>;

/** The path a feed entry's data is sealed under (bound into the ciphertext with the child's id). */
export const FEED_DATA_PATH = 'feed_entries.data';

/**
 * The feeds: an entry's id is (subscription, event), so an event is appended
 * once; its cursor is drawn from a counter document with an atomic `$inc`,
 * and the unique (subscription, seq) index guards the cursor order. A writer
 * that dies between draw and insert leaves a hole; readers wait a little at a
 * hole (an insert may still be in flight) and then step over it, so no reader
 * skips an entry that lands late.
 */
export class FeedStore {
  readonly entries: Model<FeedEntry>;
  private readonly counters: Model<FeedCounter>;

  /**
   * With `privacy`, an entry that names the child it is about (`sealedFor`)
   * is stored sealed with that child's key and opened on reading; once the
   * child is erased it reads as an erased entry, never as a failure.
   */
  constructor(connection: Connection, private readonly settleMs: number, private readonly privacy?: Privacy) {
    ({ entries: this.entries, counters: this.counters } = registerFeedModels(connection));
  }

  private async sealed(entry: NewFeedEntry): Promise<NewFeedEntry> {
    if (!entry.sealedFor || !this.privacy) {
      const { sealedFor: _ignored, ...plain } = entry;
      return plain;
    }
    try {
      return { ...entry, data: (await this.privacy.seal(entry.sealedFor, FEED_DATA_PATH, entry.data)) as unknown as Record<string, unknown> };
    } catch (error) {
      // The child was erased before its event reached the feed: the entry keeps its place, without the data.
      if (error instanceof DataErasedError) return { ...entry, data: { caseId: entry.sealedFor } };
      throw error;
    }
  }

  private async opened(entry: FeedEntry): Promise<FeedEntry> {
    if (!entry.sealedFor) return entry;
    if (!isSealed(entry.data) || !this.privacy) return { ...entry, data: { caseId: entry.sealedFor }, erased: true };
    const data = await this.privacy.open(entry.sealedFor, FEED_DATA_PATH, entry.data);
    return isErased(data) ? { ...entry, data: { caseId: entry.sealedFor }, erased: true } : { ...entry, data: data as Record<string, unknown> };
  }

  /** Appends the event to the subscription's feed unless it is there already; returns its cursor. */
  async append(subscriptionId: string, newEntry: NewFeedEntry): Promise<number> {
    const _id = `${subscriptionId}:${newEntry.eventId}`;
    let entry: NewFeedEntry | undefined;
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const existing = await this.entries.collection.findOne({ _id } as never, { projection: { seq: 1 } });
      if (existing) return (existing as unknown as FeedEntry).seq;
      entry ??= await this.sealed(newEntry);
      const seq = await this.drawSeq(subscriptionId);
      try {
        await this.entries.collection.insertOne({ _id, subscriptionId, seq, ...entry, appendedAt: new Date() } as never);
        return seq;
      } catch (error) {
        if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
        // The same event won meanwhile: the number drawn for it stays empty, and is marked so.
        const winner = await this.entries.collection.findOne({ _id } as never, { projection: { seq: 1 } });
        if (winner) {
          await this.fillHole(subscriptionId, seq);
          return (winner as unknown as FeedEntry).seq;
        }
      }
    }
    throw new Error(`feed ${subscriptionId}: no free cursor after ${MAX_DRAWS} draws`);
  }

  /** Marks a drawn number that will never hold an entry, so that readers step over it at once. */
  private async fillHole(subscriptionId: string, seq: number): Promise<void> {
    try {
      await this.entries.collection.insertOne({ _id: `${subscriptionId}:skip:${seq}`, subscriptionId, seq, skip: true, appendedAt: new Date() } as never);
    } catch (error) {
      // Another writer drew the same number and appended its entry there: no hole.
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
  }

  /**
   * Entries after the cursor, in cursor order, stopping before a hole that
   * may still fill (the entry after it is younger than the settle time).
   */
  async readAfter(subscriptionId: string, after: number, limit: number): Promise<FeedEntry[]> {
    const found = (await this.entries.collection
      .find({ subscriptionId, seq: { $gt: after } } as never)
      .sort({ seq: 1 })
      // Room for the markers of filled holes, which are read but never returned.
      .limit(limit + SKIP_SLACK)
      .toArray()) as unknown as FeedEntry[];
    const settled = Date.now() - this.settleMs;
    const out: FeedEntry[] = [];
    let previous = after;
    for (const entry of found) {
      if (entry.seq !== previous + 1 && new Date(entry.appendedAt).getTime() > settled) break;
      previous = entry.seq;
      if (entry.skip) continue;
      out.push(entry);
      if (out.length === limit) break;
    }
    return Promise.all(out.map((entry) => this.opened(entry)));
  }

  private async drawSeq(subscriptionId: string): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        const counter = await this.counters.collection.findOneAndUpdate(
          { _id: subscriptionId } as never,
          { $inc: { seq: 1 } },
          { upsert: true, returnDocument: 'after' },
        );
        return (counter as unknown as FeedCounter).seq;
      } catch (error) {
        // Two first appends both upserted the counter; one insert lost. The document exists now: draw again.
        if ((error as { code?: number }).code !== DUPLICATE_KEY || attempt >= 3) throw error;
      }
    }
  }
}
