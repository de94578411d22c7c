import { isSealed } from '@homeward/privacy';
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import {
  CaseAssignedV1,
  CaseBoardedV1,
  CaseClearedV1,
  CaseHandedOverV1,
  CaseHoldPlacedV1,
  CaseRegisteredV1,
  CaseUnassignedV1,
  EmailSentV1,
  LegalFileOpenedV1,
  MovementArrivedV1,
  MovementDepartedV1,
  MovementEscortAddedV1,
  MovementScheduledV1,
  ProgrammeCreatedV1,
  ProgrammeSuspendedV1,
} from '@homeward/contracts';
import { createEventFactory } from '@homeward/messaging';
import { loadServiceConfig, rebuildProjections } from '@homeward/runtime';
import { createLogger } from '@homeward/telemetry';
import { expectEventually, TEST_AGENCY, testAuthEnv, testServers, uniqueName } from '@homeward/testing';
import { loadDashboardConfig } from './config';
import { createDashboardService } from './dashboard.service';
import { CounterShards } from './store/counter-shards';
import { throughputHorizon } from './store/dashboard.queries';
import { READ_MODEL_COLLECTIONS, type CounterShardDoc, type DocCollection } from './store/read-model.models';
import { DashboardHarness, registration } from './test-support/dashboard.harness';

const PROGRAMME = 'iq-ru-2019';
const flight = { operator: 'Emergencies Ministry', flightNumber: 'MCS-7061', departureAirport: 'BGW', arrivalAirport: 'ZIA', scheduledDeparture: '2019-07-10T06:00:00.000Z' };
/** Event times a minute apart, so the throughput counters spread over several minutes. */
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 8, minute)).toISOString();

/**
 * `npm run rebuild -- dashboard` on the real servers: the whole read model
 * (case, movement and programme views, open holds, counter shards), rebuilt
 * from every topic by a fresh consumer group with the dashboard stopped,
 * comes back exactly as it was, though the topics are read in another order
 * than the events first arrived in; a damaged read model comes back repaired.
 */
describe('rebuild of the dashboard read model from the topics', () => {
  const prefix = uniqueName('rebuild-dash');
  const env = {
    ...testAuthEnv(),
    HOMEWARD_TOPIC_PREFIX: prefix,
    MONGO_DB: prefix.replaceAll('-', '_'),
    MONGO_URL: testServers.mongoUrl,
    KAFKA_BROKERS: testServers.kafkaBrokers.join(','),
    KAFKA_GROUP_ID: `${prefix}-dashboard`,
    DASHBOARD_CONSUMER_GROUPS: `${prefix}-dashboard`,
  };
  const config = loadServiceConfig('dashboard', 0, env);
  const definition = createDashboardService(loadDashboardConfig(env));
  const logger = createLogger('dashboard-rebuild', 'silent');
  const ids = { ru1: randomUUID(), ru2: randomUUID(), kz: randomUUID(), movement: randomUUID(), hold: randomUUID() };
  let mongo: MongoClient;
  const db = () => mongo.db(env.MONGO_DB);
  const VIEWS = READ_MODEL_COLLECTIONS.filter((c) => c !== 'counter_shards');
  /** A document's every field, whatever order the writes first set them in. */
  const sortedKeys = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(sortedKeys) : value !== null && typeof value === 'object' ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])])) : value;
  /** The views as stored. */
  // A sealed value (a hold's reason) is compared as sealed: each seal has a fresh IV, and it must still be sealed after the rebuild.
  const sealedAsMarker = (d: Record<string, unknown>) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, isSealed(v) ? 'sealed' : v]));
  const views = async () =>
    Object.fromEntries(await Promise.all(VIEWS.map(async (c) => [c, (await db().collection(c).find({}).sort({ _id: 1 }).toArray()).map((d) => JSON.stringify(sortedKeys(sealedAsMarker(d))))])));
  const oldMinute = new Date(Date.now() - 2 * 24 * 3_600_000).toISOString().slice(0, 16);
  const prune = () => new CounterShards(db().collection('counter_shards') as unknown as DocCollection<CounterShardDoc>).prune(throughputHorizon(new Date()));
  /** Every non-zero count of every shard, as `shard path=value` (the tokens `t` are the shards' idempotency records). */
  const counts = async () => {
    const leaves = (prefix: string, value: unknown): string[] =>
      typeof value === 'number' ? (value === 0 ? [] : [`${prefix}=${value}`]) : Object.entries(value as object).flatMap(([k, v]) => leaves(`${prefix}.${k}`, v));
    const shards = await db().collection('counter_shards').find({}).toArray();
    return shards.flatMap(({ _id, t: _tokens, ...rest }) => leaves(String(_id), rest)).sort();
  };

  beforeAll(async () => {
    mongo = await MongoClient.connect(testServers.mongoUrl);
    const d = await DashboardHarness.start(prefix);
    try {
      const registered = [ids.ru1, ids.ru2, ids.kz].map((caseId, i) => d.event(CaseRegisteredV1, { ...registration(caseId, i === 2 ? 'KZ' : 'RU'), registeredAt: at(1) }));
      await d.send(
        d.event(ProgrammeCreatedV1, {
          programmeId: PROGRAMME,
          name: 'Iraq to Russia, children only',
          originState: 'IQ',
          destinationState: 'RU',
          eligibility: { maxAgeAtRegistration: 17, childrenOnly: true },
          escortPolicy: { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 },
          requirements: ['nationality-verified'],
          participatingAgencies: [TEST_AGENCY],
          createdAt: at(0),
        }),
        ...registered,
        registered[0]!,
      );
      // The registrations are read before the legal and logistics topics: a case's first fact from another
      // topic otherwise counts under an unknown destination until its registration comes, and the live
      // shards then differ from a replay's shard by shard (their sums agree).
      await expectEventually(async () => expect(await db().collection('case_views').countDocuments({ 'state.destinationState': { $exists: true } })).toBe(3));
      await d.send(
        ...[ids.ru1, ids.ru2, ids.kz].map((caseId) => d.event(LegalFileOpenedV1, { caseId, openedAt: at(2), requirements: ['nationality-verified'] })),
        ...[ids.ru1, ids.ru2].map((caseId) => d.event(CaseClearedV1, { caseId, programmeId: PROGRAMME, destinationState: 'RU', clearedAt: at(3), approvedBy: ['lo', 'sv'] })),
        d.event(CaseHoldPlacedV1, { caseId: ids.kz, holdId: ids.hold, category: 'security', reason: 'Screening outcome pending', placedBy: 'legal-officer-1', placedAt: at(3) }),
        d.event(MovementScheduledV1, { movementId: ids.movement, programmeId: PROGRAMME, flight, seats: 40, scheduledAt: at(4) }),
        d.event(MovementEscortAddedV1, { movementId: ids.movement, escortId: randomUUID(), role: 'official', addedAt: at(4) }),
        ...[ids.ru1, ids.ru2].map((caseId, i) => d.event(CaseAssignedV1, { caseId, movementId: ids.movement, seat: i + 1, flight, assignedAt: at(5) })),
        d.event(CaseUnassignedV1, { caseId: ids.ru2, movementId: ids.movement, reason: 'seat swap', unassignedAt: at(6) }),
        d.event(CaseAssignedV1, { caseId: ids.ru2, movementId: ids.movement, seat: 3, flight, assignedAt: at(7) }),
        d.event(CaseBoardedV1, { caseId: ids.ru1, movementId: ids.movement, boardedAt: at(8) }),
        d.event(CaseBoardedV1, { caseId: ids.ru2, movementId: ids.movement, boardedAt: at(8) }),
        d.event(MovementDepartedV1, { movementId: ids.movement, caseIds: [ids.ru1, ids.ru2], departedAt: at(9) }),
        d.event(MovementArrivedV1, { movementId: ids.movement, caseIds: [ids.ru1, ids.ru2], arrivedAt: at(10) }),
        d.event(CaseHandedOverV1, {
          caseId: ids.ru1,
          movementId: ids.movement,
          receiverKind: 'guardian',
          guardianId: randomUUID(),
          personal: { name: 'Anna Primerova', relationship: 'grandmother', receivingPerson: 'Anna Primerova' },
          handedOverAt: at(11),
        }),
        // Published two days ago: its throughput minute is one the live dashboard prunes (below).
        createEventFactory('/homeward/notification', () => new Date(Date.now() - 2 * 24 * 3_600_000))(
          EmailSentV1,
          { deliveryId: `${ids.ru1}:assigned:g`, caseId: ids.ru1, guardianId: randomUUID(), milestone: 'assigned', sentAt: at(11) },
          { correlationid: randomUUID() },
        ),
        d.event(ProgrammeSuspendedV1, { programmeId: PROGRAMME, reason: 'security', suspendedAt: at(12) }),
      );
      await expectEventually(async () => {
        const { body } = await d.json('/api/summary');
        expect(body['totals']).toEqual({ cases: 3, handedOver: 1, onHold: 1, inProgress: 2 });
        expect(body['emails']).toMatchObject({ sent: 1 });
        expect(await db().collection('programme_views').findOne({ _id: PROGRAMME as never })).toMatchObject({ state: { status: 'suspended' } });
        // All 23 distinct events are through (the registration sent twice is recorded once).
        expect(await db().collection('processed_events').countDocuments({ group: env.KAFKA_GROUP_ID })).toBe(23);
      }, { timeoutMs: 90_000, intervalMs: 250 });
      // The live dashboard's pruner, which runs every ten minutes, drops the old minute.
      await prune();
      expect(JSON.stringify(await db().collection('counter_shards').find({}).toArray())).not.toContain(`"${oldMinute}"`);
    } finally {
      // The dashboard stops before a rebuild (its database stays).
      await d.stop();
    }
  }, 180_000);

  afterAll(async () => {
    await db().dropDatabase();
    await mongo.close();
  });

  it('ends with the same state as before', async () => {
    const before = await views();
    const counted = await counts();
    const outcome = await rebuildProjections(definition, config, logger);
    expect(outcome.projections).toEqual([
      { collection: 'case_views', before: 3, after: 3, differing: [] },
      { collection: 'movement_views', before: 1, after: 1, differing: [] },
      { collection: 'programme_views', before: 1, after: 1, differing: [] },
      { collection: 'hold_views', before: 1, after: 1, differing: [] },
      { collection: 'counter_shards', before: 16, after: 16, differing: [] },
    ]);
    expect(outcome.same).toBe(true);
    // The replay counted the old minute again; the restarted dashboard's first prune drops it as before.
    expect(JSON.stringify(await db().collection('counter_shards').find({}).toArray())).toContain(`"${oldMinute}"`);
    await prune();
    // 23 distinct events (the registration sent twice counts once).
    expect(outcome.eventsProcessed).toBe(23);
    expect(await views()).toEqual(before);
    expect(await counts()).toEqual(counted);
    expect(counted).toEqual(expect.arrayContaining([expect.stringMatching(/\.emails\.sent\.assigned=1$/), expect.stringMatching(/\.returns\.2026-01-01=1$/)]));
  }, 120_000);

  it('repairs a damaged read model from the topics, and keeps the old copy for inspection', async () => {
    const good = await views();
    const counted = await counts();
    await db().collection('case_views').deleteOne({ _id: ids.kz as never });
    await db().collection('hold_views').deleteMany({});
    await db().collection('counter_shards').updateMany({}, { $inc: { 'emails.sent.assigned': 5 } });

    const outcome = await rebuildProjections(definition, config, logger);

    expect(outcome.same).toBe(false);
    expect(outcome.projections.find((p) => p.collection === 'case_views')).toEqual({ collection: 'case_views', before: 2, after: 3, differing: [ids.kz] });
    expect(outcome.projections.find((p) => p.collection === 'hold_views')).toEqual({ collection: 'hold_views', before: 0, after: 1, differing: [ids.hold] });
    expect(outcome.projections.find((p) => p.collection === 'counter_shards')?.differing).toHaveLength(16);
    expect(await views()).toEqual(good);
    await prune();
    expect(await counts()).toEqual(counted);
    expect(await db().collection('case_views_before_rebuild').countDocuments({})).toBe(2);
  }, 120_000);
});
