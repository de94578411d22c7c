/**
 * Latency of the dashboard's queries on a read model of N cases (default
 * 100,000; DESIGN target: p95 under 50 ms). The read model is built directly
 * in a fresh database, with the same projection functions the consumer uses:
 * a case document per case (each a registered-to-handover journey stopped at
 * a random stage, a few on hold) and the counter shards their contributions
 * add up to, plus movements and holds. Then each query runs many times
 * through the real SecantusDB (or MongoDB) and the percentiles are printed.
 *   npx tsx apps/dashboard/scripts/query-benchmark.ts [cases] [runs]
 * Not part of the test suite: writing 100,000 documents takes minutes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { connectMongo } from '@homeward/persistence';
import { applyCaseChange, contributionOf, emptyCase, type CaseChange } from '../src/domain/case-projection';
import { addTo } from '../src/domain/counter-delta';
import { SHARDS, shardOf } from '../src/domain/shard';
import { CounterShards, shardId } from '../src/store/counter-shards';
import { DashboardQueries } from '../src/store/dashboard.queries';
import { registerReadModel } from '../src/store/read-model.models';

const cases = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 200);
const mongoUrl = process.env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27017';
const database = `dashbench_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
const DESTINATIONS = ['RU', 'KZ', 'UZ', 'TJ', 'FR', 'DE', 'TR', 'FI'];
const STEPS = ['legal-file-opened', 'cleared', 'assigned', 'boarded', 'arrived', 'handed-over'] as const;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(name: string, query: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 5; i++) await query();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await query();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1).padStart(7);
  console.log(`${name.padEnd(22)} p50 ${f(percentile(times, 50))} ms   p95 ${f(percentile(times, 95))} ms   p99 ${f(percentile(times, 99))} ms   max ${f(times.at(-1)!)} ms`);
}

async function main(): Promise<void> {
  const connection = await connectMongo({ url: mongoUrl, dbName: database });
  const model = registerReadModel(connection);
  const raw = await MongoClient.connect(mongoUrl);
  const db = raw.db(database);
  const started = Date.now();
  try {
    const movements = Array.from({ length: Math.max(1, Math.ceil(cases / 150)) }, () => randomUUID());
    const shards = Array.from({ length: SHARDS }, () => ({}) as Record<string, number>);
    const holds: object[] = [];
    let batch: object[] = [];
    const day0 = Date.parse('2019-01-01T00:00:00Z');
    for (let i = 0; i < cases; i++) {
      const caseId = randomUUID();
      const movementId = movements[i % movements.length]!;
      const at = (hours: number) => new Date(day0 + (i % 365) * 86_400_000 + hours * 3_600_000).toISOString();
      const changes: CaseChange[] = [
        { kind: 'snapshot', version: 1, programmeId: 'bench', destinationState: DESTINATIONS[i % DESTINATIONS.length]!, requiresMedicalEscort: i % 17 === 0, fact: { kind: 'registered', eventId: randomUUID(), at: at(0) } },
      ];
      const reached = i % (STEPS.length + 1);
      STEPS.slice(0, reached).forEach((kind, step) =>
        changes.push({ kind: 'fact', fact: { kind, eventId: randomUUID(), at: at(24 * (step + 1)), movementId } as never }),
      );
      const held = reached === 2 && i % 10 === 0;
      if (held) {
        const holdId = randomUUID();
        changes.push({ kind: 'fact', fact: { kind: 'hold-placed', eventId: randomUUID(), at: at(60), holdId, category: 'security' } });
        holds.push({ _id: holdId, caseId, category: 'security', reason: 'Screening outcome pending', placedBy: 'legal-officer', placedAt: at(60) });
      }
      const state = changes.reduce(applyCaseChange, emptyCase());
      const contribution = contributionOf(state);
      for (const [path, n] of Object.entries(contribution)) addTo(shards[shardOf(caseId)]!, path, n);
      const stored = Object.fromEntries(Object.entries(contribution).map(([p, n]) => [p.replaceAll('.', '|'), n]));
      batch.push({ _id: caseId, version: changes.length, applied: changes.map((c) => ('fact' in c && c.fact ? c.fact.eventId : '')), pending: [], state, contribution: stored });
      if (batch.length === 1_000) {
        await db.collection('case_views').insertMany(batch as never[]);
        batch = [];
        if ((i + 1) % 10_000 === 0) process.stdout.write(`  ${i + 1} case documents written (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
      }
    }
    if (batch.length > 0) await db.collection('case_views').insertMany(batch as never[]);
    const now = new Date();
    for (let m = 0; m < 60; m++) addTo(shards[m % SHARDS]!, `minute.${new Date(now.getTime() - m * 60_000).toISOString().slice(0, 16)}`, 100);
    await db.collection('counter_shards').insertMany(
      shards.map((counters, shard) => {
        const doc: Record<string, unknown> = { _id: shardId(shard), t: {} };
        for (const [path, n] of Object.entries(counters)) {
          const keys = path.split('.');
          let node = doc;
          for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
          node[keys.at(-1)!] = n;
        }
        return doc as never;
      }),
    );
    await db.collection('movement_views').insertMany(
      movements.map((movementId, m) => ({
        _id: movementId,
        version: 3,
        applied: [],
        pending: [],
        state: {
          programmeId: 'bench',
          flight: { operator: 'Emergencies Ministry', flightNumber: `MCS-${m}`, departureAirport: 'BGW', arrivalAirport: 'ZIA' },
          departure: new Date(day0 + m * 86_400_000).toISOString(),
          seats: 150,
          status: m % 3 === 0 ? 'scheduled' : 'arrived',
          escorts: { [randomUUID()]: 'official', [randomUUID()]: 'medical' },
        },
        passengers: Object.fromEntries(Array.from({ length: 30 }, () => [randomUUID(), { status: 'assigned', medical: false }])),
      })) as never[],
    );
    await db.collection('programme_views').insertOne({ _id: 'bench', version: 1, applied: [], pending: [], state: { childrenPerEscort: 5, status: 'active' } } as never);
    if (holds.length > 0) await db.collection('hold_views').insertMany(holds as never[]);
    console.log(`read model: ${cases} cases, ${movements.length} movements, ${holds.length} open holds, built in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    const queries = new DashboardQueries(model, new CounterShards(model.shards));
    const summary = await queries.summary();
    console.log(`summary check: ${summary.totals.cases} cases, ${summary.totals.handedOver} handed over, ${summary.totals.onHold} on hold`);
    // The floor on this machine now: one small document read by _id (the machine is shared and noisy).
    await measure('baseline: one shard', () => db.collection('counter_shards').findOne({ _id: shardId(0) } as never));
    await measure('GET /api/summary', () => queries.summary());
    await measure('GET /api/movements', () => queries.movements(20));
    await measure('GET /api/holds (reasons)', () => queries.holds({ reasons: true, agency: '*' }));
    await measure('all panels at once', () => Promise.all([queries.summary(), queries.movements(20), queries.holds({ reasons: true, agency: '*' })]));
  } finally {
    await db.dropDatabase();
    await raw.close();
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
