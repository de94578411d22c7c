import { MongoClient, type Db } from 'mongodb';
import { testServers, uniqueName } from '@homeward/testing';

/**
 * What the stores rely on the database for, asked of the running server: a
 * conditional update has one winner, `$inc` is atomic, a unique index admits
 * one insert, a list's filter is answered from its secondary index, and a
 * multi-document transaction commits or aborts as a whole. FerretDB 1.24 on
 * SQLite failed the first three (several winners in 20 of 20 rounds; 194 of
 * 800 increments) and scanned for the fourth.
 */
describe('the MongoDB-wire server gives MongoDB’s guarantees', () => {
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    client = await MongoClient.connect(testServers.mongoUrl, { maxPoolSize: 16 });
    db = client.db(uniqueName('guarantees').replace(/-/g, '_'));
  });

  afterAll(async () => {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  it('lets exactly one of eight concurrent conditional updates win, round after round', async () => {
    const docs = db.collection<{ _id: string; version: number; by?: number }>('versioned');
    const winnersPerRound: number[] = [];
    for (let round = 0; round < 10; round++) {
      const _id = `aggregate-${round}`;
      await docs.insertOne({ _id, version: 1 });
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, by) => docs.findOneAndUpdate({ _id, version: 1 }, { $set: { version: 2, by } }, { returnDocument: 'after' })),
      );
      winnersPerRound.push(results.filter((r) => r !== null).length);
    }
    expect(winnersPerRound).toEqual(Array(10).fill(1));
  });

  it('applies every $inc of concurrent clients', async () => {
    const counters = db.collection<{ _id: string; n: number }>('counters');
    await counters.insertOne({ _id: 'c', n: 0 });
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = 0; i < 100; i++) await counters.updateOne({ _id: 'c' }, { $inc: { n: 1 } });
      }),
    );
    expect((await counters.findOne({ _id: 'c' }))?.n).toBe(800);
  });

  it('admits one of eight concurrent inserts of the same unique key', async () => {
    const keyed = db.collection('keyed');
    await keyed.createIndex({ key: 1 }, { unique: true });
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => keyed.insertOne({ key: 'same', i })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(Array(7).fill(11000));
  });

  it('answers a filter on an indexed field from the index', async () => {
    const cases = db.collection('cases');
    await cases.insertMany(Array.from({ length: 200 }, (_, i) => ({ programmeId: `p-${i % 10}`, stage: i % 3 === 0 ? 'cleared' : 'registered' })));
    await cases.createIndex({ programmeId: 1, stage: 1 });
    const plan = JSON.stringify(await cases.find({ programmeId: 'p-3', stage: 'cleared' }).explain('queryPlanner'));
    expect(plan).toMatch(/IXSCAN/);
    expect(await cases.countDocuments({ programmeId: 'p-3', stage: 'cleared' })).toBe(7);
  });

  it('commits a multi-document transaction as a whole, and an aborted one leaves nothing', async () => {
    const a = db.collection<{ _id: string; n: number }>('tx_a');
    const b = db.collection<{ _id: string; n: number }>('tx_b');
    await a.insertOne({ _id: 'seed', n: 0 });
    await b.insertOne({ _id: 'seed', n: 0 });
    const session = client.startSession();
    try {
      await session.withTransaction(async () => {
        await a.insertOne({ _id: 'both', n: 1 }, { session });
        await b.insertOne({ _id: 'both', n: 1 }, { session });
      });
      session.startTransaction();
      await a.insertOne({ _id: 'aborted', n: 2 }, { session });
      await b.insertOne({ _id: 'aborted', n: 2 }, { session });
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await a.countDocuments({ _id: 'both' })).toBe(1);
    expect(await b.countDocuments({ _id: 'both' })).toBe(1);
    expect(await a.countDocuments({ _id: 'aborted' })).toBe(0);
    expect(await b.countDocuments({ _id: 'aborted' })).toBe(0);
  });
});
