import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectMongo } from '@homeward/persistence';
import { testServers, uniqueName } from '@homeward/testing';
import { shardOf } from '../domain/shard';
import { CounterShards } from './counter-shards';
import { KeyedLock } from '@homeward/messaging';
import { ProjectionStore } from './projection.store';
import { registerReadModel, type PendingDelta, type ReadModel } from './read-model.models';

/** Counter shards that fail once, before or after adding a change: a crash at that point. */
class CrashingShards extends CounterShards {
  crash: 'before-add' | 'after-add' | undefined;

  override async apply(delta: PendingDelta): Promise<void> {
    const crash = this.crash;
    this.crash = undefined;
    if (crash === 'before-add') throw new Error('crashed before adding the change');
    await super.apply(delta);
    if (crash === 'after-add') throw new Error('crashed after adding the change, before dropping it from the case');
  }
}

describe('projection documents and counter shards on the real MongoDB-wire server', () => {
  let connection: Connection;
  let model: ReadModel;

  beforeAll(async () => {
    connection = await connectMongo({ url: testServers.mongoUrl, dbName: uniqueName('dash_store').replaceAll('-', '_') });
    model = registerReadModel(connection);
  });

  afterAll(async () => {
    await connection.db?.dropDatabase();
    await connection.close();
  });

  const count = async (shards: CounterShards, caseId: string) => {
    const shard = (await shards.read()).find((s) => s._id === `shard-${shardOf(caseId)}`) as { demo?: Record<string, number> } | undefined;
    return shard?.demo?.[caseId] ?? 0;
  };

  it.each(['before-add', 'after-add'] as const)('adds an event’s change exactly once when the process dies %s and Kafka redelivers', async (crash) => {
    const shards = new CrashingShards(model.shards);
    const store = new ProjectionStore<{ n: number }>(model.cases as never, shards, new KeyedLock(), 'case');
    const caseId = randomUUID();
    const eventId = randomUUID();
    const project = (current?: { state: { n: number } }) => ({ state: { n: (current?.state.n ?? 0) + 1 }, delta: { [`demo.${caseId}`]: 1 } });

    shards.crash = crash;
    await expect(store.apply(caseId, eventId, project)).rejects.toThrow(/crashed/);
    const afterCrash = await store.read(caseId);
    expect(afterCrash).toMatchObject({ state: { n: 1 }, applied: [eventId] });
    expect(afterCrash!.pending).toHaveLength(1);

    // The redelivery finds the event applied and adds what is still pending, once.
    await store.apply(caseId, eventId, project);
    await store.apply(caseId, eventId, project);
    expect(await count(shards, caseId)).toBe(1);
    expect((await store.read(caseId))!.pending).toEqual([]);

    // The next event adds its own change, and the settled token is cleared from the shard.
    await store.apply(caseId, randomUUID(), project);
    expect(await count(shards, caseId)).toBe(2);
    expect(await store.read(caseId)).toMatchObject({ state: { n: 2 }, pending: [] });
  });

  it('loses no change when many events of many cases are applied at once (three partitions at a time, as the consumer does)', async () => {
    const shards = new CounterShards(model.shards);
    const store = new ProjectionStore<{ n: number }>(model.cases as never, shards, new KeyedLock(), 'case');
    const caseIds = Array.from({ length: 8 }, () => randomUUID());
    const project = (caseId: string) => (current?: { state: { n: number } }) => ({ state: { n: (current?.state.n ?? 0) + 1 }, delta: { [`demo.${caseId}`]: 1, 'demo.all': 1 } });
    const work = caseIds.flatMap((caseId) => [0, 1, 2].map(() => () => store.apply(caseId, randomUUID(), project(caseId))));
    const lanes = [0, 1, 2].map(async (lane) => {
      for (let i = lane; i < work.length; i += 3) await work[i]!();
    });
    await Promise.all(lanes);
    for (const caseId of caseIds) {
      expect(await store.read(caseId)).toMatchObject({ state: { n: 3 }, pending: [] });
      expect(await count(shards, caseId)).toBe(3);
    }
    const total = (await shards.read()).reduce((n, s) => n + ((s as { demo?: { all?: number } }).demo?.all ?? 0), 0);
    expect(total).toBe(24);
  });
});