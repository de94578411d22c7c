/**
 * Why AggregateStore commits a change as one conditional update of the
 * aggregate's document (state and outbox together) rather than a
 * multi-document transaction (state document + outbox entry): both ways,
 * measured on the running MongoDB-wire server with the same payloads.
 *   npx tsx libs/persistence/scripts/commit-strategy.ts [commits] [writers]
 * Prints commits per second and p50/p99 latency of each way.
 */
import { MongoClient } from 'mongodb';

const url = process.env['MONGO_URL'] ?? `mongodb://127.0.0.1:${process.env['MONGO_PORT'] ?? '27017'}/?directConnection=true`;
const commits = Number(process.argv[2] ?? 2_000);
const writers = Number(process.argv[3] ?? 8);
const state = { stage: 'registered', personal: 'x'.repeat(600), facts: Array.from({ length: 8 }, (_, i) => ({ i, at: new Date().toISOString() })) };
const event = (n: number) => ({ id: `e-${n}-${Math.random()}`, type: 'case.updated.v1', data: { n, personal: 'y'.repeat(400) } });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function measure(label: string, commit: (aggregate: string, version: number, n: number) => Promise<void>, aggregates: number): Promise<void> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const versions = new Map<string, number>();
      for (let n = next++; n < commits; n = next++) {
        const aggregate = `agg-${w}-${n % (aggregates / writers)}`;
        const version = versions.get(aggregate) ?? 1;
        const t = performance.now();
        await commit(aggregate, version, n);
        latencies.push(performance.now() - t);
        versions.set(aggregate, version + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(`${label}: ${Math.round(commits / seconds)} commits/s, p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms`);
}

async function main(): Promise<void> {
  const client = await MongoClient.connect(url, { maxPoolSize: writers * 2 });
  const db = client.db(`commit_strategy_${Date.now().toString(36)}`);
  const aggregates = writers * 50;
  try {
    const single = db.collection<Record<string, unknown>>('single');
    await single.createIndex({ outboxAt: 1 });
    await single.insertMany(Array.from({ length: aggregates }, (_, i) => ({ _id: `agg-${Math.floor(i / 50)}-${i % 50}` as never, version: 1, ...state, outbox: [] })));
    await measure('one conditional update (state + outbox in the document)', async (aggregate, version, n) => {
      const result = await single.updateOne(
        { _id: aggregate as never, version },
        { $set: { ...state, version: version + 1 }, $push: { outbox: event(n) as never }, $min: { outboxAt: new Date() } },
      );
      if (result.matchedCount !== 1) throw new Error(`lost ${aggregate}@${version}`);
    }, aggregates);

    const states = db.collection<Record<string, unknown>>('states');
    const outbox = db.collection<Record<string, unknown>>('outbox');
    await states.insertMany(Array.from({ length: aggregates }, (_, i) => ({ _id: `agg-${Math.floor(i / 50)}-${i % 50}` as never, version: 1, ...state })));
    await outbox.createIndex({ aggregateId: 1, version: 1 });
    await measure('multi-document transaction (state document + outbox entry)', async (aggregate, version, n) => {
      const session = client.startSession();
      try {
        await session.withTransaction(async () => {
          const result = await states.updateOne({ _id: aggregate as never, version }, { $set: { ...state, version: version + 1 } }, { session });
          if (result.matchedCount !== 1) throw new Error(`lost ${aggregate}@${version}`);
          await outbox.insertOne({ aggregateId: aggregate, version: version + 1, events: [event(n)] }, { session });
        });
      } finally {
        await session.endSession();
      }
    }, aggregates);
  } finally {
    await db.dropDatabase();
    await client.close();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
