import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectMongo, syncIndexes } from '@homeward/persistence';
import { expectEventually, testServers, uniqueName } from '@homeward/testing';
import { FeedStore } from './feed.store';

/** The feed's append and read against the real MongoDB-wire server. */
describe('feeds: FeedStore', () => {
  let connection: Connection;
  let store: FeedStore;

  beforeAll(async () => {
    connection = await connectMongo({ url: testServers.mongoUrl, dbName: uniqueName('feeds_store').replaceAll('-', '_') });
    store = new FeedStore(connection, 60_000);
    await syncIndexes(connection);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  const entry = (eventId = randomUUID()) => ({ eventId, type: 'case.cleared.v1', time: new Date().toISOString(), data: { n: eventId } });

  it('appends an event once, whatever is redelivered, and keeps one cursor per subscription', async () => {
    const subscription = randomUUID();
    const other = randomUUID();
    const first = entry();
    expect(await store.append(subscription, first)).toBe(1);
    expect(await store.append(subscription, first)).toBe(1);
    expect(await store.append(subscription, entry())).toBe(2);
    expect(await store.append(other, first)).toBe(1);
    expect((await store.readAfter(subscription, 0, 10)).map((e) => [e.seq, e.eventId])).toEqual([
      [1, first.eventId],
      [2, expect.any(String)],
    ]);
    expect(await store.readAfter(subscription, 2, 10)).toEqual([]);
  });

  it('gives concurrent writers distinct cursors and loses no entry, also when the same events race', async () => {
    const subscription = randomUUID();
    const events = Array.from({ length: 24 }, () => entry());
    // Every event twice, all at once: the redelivery races the first delivery.
    const cursors = await Promise.all([...events, ...events].map((e) => store.append(subscription, e)));
    const byEvent = new Map<string, Set<number>>();
    [...events, ...events].forEach((e, i) => byEvent.set(e.eventId, (byEvent.get(e.eventId) ?? new Set()).add(cursors[i]!)));
    expect([...byEvent.values()].every((s) => s.size === 1)).toBe(true);
    const stored = await store.entries.find({ subscriptionId: subscription, skip: { $ne: true } }).lean();
    expect(stored).toHaveLength(24);
    expect(new Set(stored.map((e) => e.seq)).size).toBe(24);
    const read = await expectEventually(async () => {
      const all = await store.readAfter(subscription, 0, 100);
      expect(all).toHaveLength(24);
      return all;
    });
    expect(read.map((e) => e.seq)).toEqual([...read.map((e) => e.seq)].sort((a, b) => a - b));
    // The numbers drawn by the losers of the races are marked, not left as holes that readers would wait at.
    const drawn = await store.entries.find({ subscriptionId: subscription }).lean();
    expect(drawn.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: drawn.length }, (_, i) => i + 1));
  });

  it('waits at a fresh hole in the sequence and steps over an old one', async () => {
    const subscription = randomUUID();
    await store.append(subscription, entry());
    // A writer drew 2 and died before its insert: 3 lands after the hole.
    await store.entries.collection.insertOne({ _id: `${subscription}:late`, subscriptionId: subscription, seq: 3, eventId: 'late', type: 't', time: 't', data: {}, appendedAt: new Date() } as never);
    expect((await store.readAfter(subscription, 0, 10)).map((e) => e.seq)).toEqual([1]);
    await store.entries.updateOne({ _id: `${subscription}:late` }, { $set: { appendedAt: new Date(Date.now() - 120_000) } });
    expect((await store.readAfter(subscription, 0, 10)).map((e) => e.seq)).toEqual([1, 3]);
    expect((await store.readAfter(subscription, 1, 10)).map((e) => e.seq)).toEqual([3]);
  });
});
