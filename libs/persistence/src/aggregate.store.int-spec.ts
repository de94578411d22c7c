import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { PreconditionFailedError } from '@homeward/errors';
import { testServers, uniqueName } from '@homeward/testing';
import { AggregateStore } from './aggregate.store';
import { connectMongo, pingMongo, syncIndexes } from './mongo-connection';
import { outboxPlugin } from './outbox.plugin';
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
  let store: AggregateStore<Counter>;
  let outbox: OutboxStore;

  beforeAll(async () => {
    connection = await connectMongo({ url: testServers.mongoUrl, dbName: uniqueName('persistence') });
    const schema = new Schema({ _id: String, label: String, count: Number }, { collection: 'counters', versionKey: false });
    schema.plugin(outboxPlugin);
    const model = connection.model('Counter', schema) as unknown as Model<never>;
    await syncIndexes(connection);
    store = new AggregateStore<Counter>(model as never);
    outbox = new OutboxStore(model);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('answers a ping', async () => {
    await expect(pingMongo(connection)).resolves.toBeUndefined();
  });

  it('writes a change and its events in one document, and refuses a stale version', async () => {
    const id = randomUUID();
    expect(await store.create(id, { label: 'a', count: 0 }, [pending('counter.created.v1', id)])).toBe(true);
    expect(await store.create(id, { label: 'again', count: 9 }, [])).toBe(false);

    const updated = await store.update(id, 1, { count: 1 }, [pending('counter.incremented.v1', id)]);
    expect(updated).toMatchObject({ count: 1, version: 2, label: 'a' });
    expect(updated).not.toHaveProperty('outbox');

    await expect(store.update(id, 1, { count: 5 }, [pending('counter.incremented.v1', id)])).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    const batches = (await outbox.pending(100)).filter((b) => b.aggregateId === id);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.events.map((e) => e.type)).toEqual(['counter.created.v1', 'counter.incremented.v1']);
    expect((await store.get(id)).count).toBe(1);
  });

  it('applies a consumed event once, whatever the redeliveries', async () => {
    const id = randomUUID();
    await store.create(id, { label: 'b', count: 0 }, []);
    const eventId = randomUUID();
    expect(await store.applyOnce(id, eventId, { count: 1 }, [])).toBe('applied');
    expect(await store.applyOnce(id, eventId, { count: 2 }, [])).toBe('duplicate');
    expect(await store.applyOnce(randomUUID(), eventId, { count: 3 }, [])).toBe('missing');
    expect(await store.get(id)).toMatchObject({ count: 1, version: 2 });
  });

  it('acknowledges published events and keeps the ones appended meanwhile', async () => {
    const id = randomUUID();
    const first = pending('counter.created.v1', id);
    await store.create(id, { label: 'c', count: 0 }, [first]);
    const second = pending('counter.incremented.v1', id);
    await store.update(id, 1, { count: 1 }, [second]);

    const read = (await outbox.pending(1000)).find((b) => b.aggregateId === id)!;
    expect(read.events.map((e) => e.id)).toEqual([first.id, second.id]);
    // A write lands between the relay's read and its acknowledgement.
    const third = pending('counter.incremented.v1', id);
    await store.update(id, 2, { count: 2 }, [third]);
    await outbox.acknowledge({ ...read, events: read.events.slice(0, 1) }, [first.id]);
    let mine = (await outbox.pending(1000)).find((b) => b.aggregateId === id);
    expect(mine?.events.map((e) => e.id)).toEqual([second.id, third.id]);

    await outbox.acknowledge(mine!, [second.id, third.id]);
    mine = (await outbox.pending(1000)).find((b) => b.aggregateId === id);
    expect(mine).toBeUndefined();
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
