import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { PreconditionFailedError } from '@homeward/errors';
import { testServers, uniqueName } from '@homeward/testing';
import { AggregateStore } from './aggregate.store';
import { onCommitted } from './commit-signal';
import { connectMongo, pingMongo, syncIndexes } from './mongo-connection';
import { aggregateModel, type AggregateModel } from './outbox.plugin';
import { OutboxStore } from './outbox.store';
import type { PendingEvent } from './pending-event';
import { ProcessedEventStore } from './processed-event.store';

interface Counter {
  label: string;
  count: number;
}

const pending = (type: string, key: string): PendingEvent => ({
  id: randomUUID(),
  type,
  topic: 'homeward.test.v1',
  key,
  source: '/homeward/test',
  subject: key,
  time: new Date().toISOString(),
  dataschema: 'https://homeward.example/schemas/test.json',
  correlationid: randomUUID(),
  data: { key },
  trace: {},
});

describe('AggregateStore and OutboxStore on the real MongoDB-wire server', () => {
  let connection: Connection;
  let model: AggregateModel<Counter>;
  let store: AggregateStore<Counter>;
  let outbox: OutboxStore;
  const pendingFor = async (id: string) => (await outbox.pending(10_000)).find((b) => b.aggregateId === id);

  beforeAll(async () => {
    connection = await connectMongo({ url: testServers.mongoUrl, dbName: uniqueName('persistence') });
    model = aggregateModel<Counter>('Counter', new Schema({ _id: String, label: String, count: Number }, { collection: 'counters', versionKey: false }))(connection);
    await syncIndexes(connection);
    store = new AggregateStore<Counter>(model);
    outbox = new OutboxStore(model as unknown as Model<never>);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('answers a ping', async () => {
    await expect(pingMongo(connection)).resolves.toBeUndefined();
  });

  it('commits a change with its events, and refuses a stale version', async () => {
    const id = randomUUID();
    expect(await store.create(id, { label: 'a', count: 0 }, [pending('counter.created.v1', id)])).toBe(true);
    expect(await store.create(id, { label: 'again', count: 9 }, [])).toBe(false);

    const updated = await store.update(id, 1, { count: 1 }, [pending('counter.incremented.v1', id)]);
    expect(updated).toEqual({ _id: id, label: 'a', count: 1, version: 2 });
    await expect(store.update(id, 1, { count: 5 }, [pending('counter.incremented.v1', id)])).rejects.toBeInstanceOf(PreconditionFailedError);

    const batch = await pendingFor(id);
    expect(batch?.events.map((e) => e.type)).toEqual(['counter.created.v1', 'counter.incremented.v1']);
    expect(await store.get(id)).toEqual({ _id: id, label: 'a', count: 1, version: 2 });
    expect(await model.findById(id).lean()).toMatchObject({ count: 1, version: 2 });
  });

  it('signals every commit to the relay once its outbox entry is written, and nothing for a refused one', async () => {
    const seen: number[] = [];
    const stop = onCommitted(connection, () => {
      void outbox.pending(10_000).then((batches) => seen.push(batches.length));
    });
    try {
      const id = randomUUID();
      await store.create(id, { label: 'signalled', count: 0 }, [pending('counter.created.v1', id)]);
      await store.update(id, 1, { count: 1 }, [pending('counter.incremented.v1', id)]);
      await expect(store.update(id, 1, { count: 2 }, [])).rejects.toBeInstanceOf(PreconditionFailedError);
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Two commits, two signals, each when the entry was already readable.
      expect(seen).toHaveLength(2);
      expect(seen.every((n) => n > 0)).toBe(true);
    } finally {
      stop();
    }
  });

  it('lets exactly one of many concurrent writers win a version', async () => {
    const id = randomUUID();
    await store.create(id, { label: 'race', count: 0 }, []);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => store.update(id, 1, { count: i + 1 }, [pending('counter.incremented.v1', id)])),
    );
    const winners = results.filter((r) => r.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof PreconditionFailedError)).toHaveLength(7);
    const won = (winners[0] as PromiseFulfilledResult<{ count: number }>).value.count;
    expect(await store.get(id)).toMatchObject({ count: won, version: 2 });
    expect((await pendingFor(id))?.events).toHaveLength(1);
  });

  it('applies concurrent consumed events each exactly once, and a redelivery not at all', async () => {
    const id = randomUUID();
    await store.create(id, { label: 'b', count: 0 }, []);
    const eventIds = Array.from({ length: 6 }, () => randomUUID());
    const outcomes = await Promise.all(eventIds.map((eventId, i) => store.applyOnce(id, eventId, { label: `b${i}` }, [pending('counter.touched.v1', id)])));
    expect(outcomes).toEqual(eventIds.map(() => 'applied'));
    expect(await store.applyOnce(id, eventIds[0]!, { count: 99 }, [])).toBe('duplicate');
    expect(await store.applyOnce(randomUUID(), randomUUID(), { count: 3 }, [])).toBe('missing');
    expect(await store.get(id)).toMatchObject({ count: 0, version: 7 });
    expect((await pendingFor(id))?.events).toHaveLength(6);
  });

  it('acknowledges what the relay published and keeps what was committed meanwhile', async () => {
    const id = randomUUID();
    await store.create(id, { label: 'c', count: 0 }, [pending('counter.created.v1', id)]);
    const read = (await pendingFor(id))!;
    // A write lands between the relay's read and its acknowledgement.
    const later = pending('counter.incremented.v1', id);
    await store.update(id, 1, { count: 1 }, [later]);
    await outbox.acknowledge(read);
    expect((await pendingFor(id))?.events.map((e) => e.id)).toEqual([later.id]);
    await outbox.acknowledge((await pendingFor(id))!);
    expect(await pendingFor(id)).toBeUndefined();
    expect(await model.findById(id).lean()).toMatchObject({ count: 1, version: 2 });
  });

  it('sees another instance’s commits, and hands out copies nobody can change', async () => {
    const other = new AggregateStore<Counter>(model);
    const id = randomUUID();
    await store.create(id, { label: 'shared', count: 0 }, []);
    expect(await store.get(id)).toMatchObject({ count: 0, version: 1 });
    // The other instance writes twice.
    await other.update(id, 1, { count: 1 }, [pending('counter.incremented.v1', id)]);
    await other.applyOnce(id, 'event-from-elsewhere', { count: 2 }, []);
    expect(await store.get(id)).toMatchObject({ count: 2, version: 3 });
    expect(await store.applyOnce(id, 'event-from-elsewhere', { count: 99 }, [])).toBe('duplicate');
    // Deciding on an older version loses to the other instance's newer commit, and says so.
    await other.update(id, 3, { count: 3 }, []);
    await expect(store.update(id, 3, { count: 30 }, [])).rejects.toMatchObject({ details: { currentVersion: 4 } });
    expect(await store.update(id, 4, { count: 5 }, [])).toMatchObject({ count: 5, version: 5 });
    expect(await other.get(id)).toMatchObject({ count: 5, version: 5 });

    const read = (await store.get(id)) as Counter & { tags?: string[] };
    read.count = 1_000;
    read.label = 'changed by a caller';
    expect(await store.get(id)).toMatchObject({ label: 'shared', count: 5, version: 5 });
  });

  it('records processed events per consumer group', async () => {
    const processed = new ProcessedEventStore(connection);
    const eventId = randomUUID();
    expect(await processed.has('g1', eventId)).toBe(false);
    await processed.record('g1', eventId, 'x.happened.v1');
    await processed.record('g1', eventId, 'x.happened.v1');
    expect(await processed.has('g1', eventId)).toBe(true);
    expect(await processed.has('g2', eventId)).toBe(false);
  });
});

describe('the outbox between relays and in lists', () => {
  let connection: Connection;
  let model: AggregateModel<Counter>;
  let store: AggregateStore<Counter>;

  beforeAll(async () => {
    connection = await connectMongo({ url: testServers.mongoUrl, dbName: uniqueName('relays') });
    model = aggregateModel<Counter>('Counter', new Schema({ _id: String, label: String, count: Number }, { collection: 'counters', versionKey: false }))(connection);
    await syncIndexes(connection);
    store = new AggregateStore<Counter>(model);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('lets one relay at a time drain a collection, and hands it over on release', async () => {
    const id = randomUUID();
    await store.create(id, { label: 'leased', count: 0 }, [pending('counter.created.v1', id)]);
    const first = new OutboxStore(model as unknown as Model<never>);
    const twin = new OutboxStore(model as unknown as Model<never>);
    expect((await first.pending(10)).map((b) => b.aggregateId)).toEqual([id]);
    expect(await twin.pending(10)).toEqual([]);
    await first.release();
    expect((await twin.pending(10)).map((b) => b.aggregateId)).toEqual([id]);
    expect(await first.pending(10)).toEqual([]);
    await twin.acknowledge(...(await twin.pending(10)));
    await twin.release();
  });

  it('creates many aggregates at once, each with its events, and reports those that existed', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await store.create(b, { label: 'earlier', count: 7 }, []);
    const created = await store.createMany([a, b, c].map((id) => ({ id, state: { label: 'bulk', count: 0 }, events: [pending('counter.created.v1', id)] })));
    expect(created).toEqual(new Set([a, c]));
    expect(await store.get(b)).toMatchObject({ label: 'earlier', count: 7, version: 1 });
    const relay = new OutboxStore(model as unknown as Model<never>);
    const ids = (await relay.pending(100)).map((x) => x.aggregateId);
    expect(ids).toEqual(expect.arrayContaining([a, c]));
    expect(ids).not.toContain(b);
    await relay.release();
  });

  it('keeps the outbox and the inbox out of what lists read', async () => {
    const id = randomUUID();
    await store.create(id, { label: 'listed', count: 1 }, [pending('counter.created.v1', id)]);
    await store.applyOnce(id, 'consumed-1', { count: 2 }, []);
    const [listed] = await model.find({ _id: id }).lean().exec();
    expect(listed).toEqual({ _id: id, label: 'listed', count: 2, version: 2 });
    expect(await store.get(id)).toEqual({ _id: id, label: 'listed', count: 2, version: 2 });
  });
});
