import { MongoClient } from 'mongodb';
import { ProgrammeSuspendedV1 } from '@homeward/contracts';
import { loadServiceConfig, rebuildProjections } from '@homeward/runtime';
import { createLogger } from '@homeward/telemetry';
import { expectEventually, testServers, uniqueName } from '@homeward/testing';
import { logisticsService } from './logistics.service';
import { LogisticsHarness } from './test-support/logistics.harness';

/**
 * `npm run rebuild -- logistics` on the real servers: the programme copies,
 * rebuilt from the topics by a fresh consumer group with the service
 * stopped, come back exactly as they were; a damaged copy comes back repaired.
 */
describe('rebuild of the logistics projections from the topics', () => {
  const prefix = uniqueName('rebuild');
  const db = prefix.replaceAll('-', '_');
  const config = loadServiceConfig('logistics', 0, {
    HOMEWARD_TOPIC_PREFIX: prefix,
    MONGO_DB: db,
    MONGO_URL: testServers.mongoUrl,
    KAFKA_BROKERS: testServers.kafkaBrokers.join(','),
    KAFKA_GROUP_ID: prefix,
  });
  const logger = createLogger('logistics-rebuild', 'silent');
  let mongo: MongoClient;
  const copies = () => mongo.db(db).collection('programme_copies');
  const snapshot = async () => (await copies().find({}).sort({ _id: 1 }).toArray()).map((d) => JSON.stringify(d));

  beforeAll(async () => {
    mongo = await MongoClient.connect(testServers.mongoUrl);
    const harness = await LogisticsHarness.start(prefix, testServers);
    try {
      for (const id of ['rebuild-a', 'rebuild-b', 'rebuild-c']) await harness.createProgramme(id);
      await harness.produce(ProgrammeSuspendedV1, { programmeId: 'rebuild-b', reason: 'security', suspendedAt: new Date().toISOString() });
      await expectEventually(async () => {
        expect(await copies().countDocuments({})).toBe(3);
        expect(await copies().findOne({ _id: 'rebuild-b' as never })).toMatchObject({ status: 'suspended', suspendedReason: 'security' });
      }, { timeoutMs: 60_000 });
    } finally {
      // The service stops before a rebuild; the harness stop would drop the database, so only stop the service.
      await harness.service.drain();
      await harness.service.close();
    }
  });

  afterAll(async () => {
    await mongo.db(db).dropDatabase();
    await mongo.close();
  });

  it('ends with the same state as before', async () => {
    const before = await snapshot();
    const outcome = await rebuildProjections(logisticsService, config, logger);
    expect(outcome.projections).toEqual([{ collection: 'programme_copies', before: 3, after: 3, differing: [] }]);
    expect(outcome.same).toBe(true);
    expect(outcome.eventsProcessed).toBe(4);
    expect(outcome.groupId).toMatch(new RegExp(`^${prefix}-rebuild-`));
    expect(await snapshot()).toEqual(before);
    expect(await mongo.db(db).listCollections({ name: 'programme_copies_before_rebuild' }).toArray()).toEqual([]);
  });

  it('repairs a damaged or missing copy from the topics, and keeps the old copy for inspection', async () => {
    const good = await snapshot();
    await copies().updateOne({ _id: 'rebuild-a' as never }, { $set: { status: 'suspended' } });
    await copies().deleteOne({ _id: 'rebuild-c' as never });
    const outcome = await rebuildProjections(logisticsService, config, logger);
    expect(outcome.projections).toEqual([{ collection: 'programme_copies', before: 2, after: 3, differing: ['rebuild-a', 'rebuild-c'] }]);
    expect(outcome.same).toBe(false);
    expect(await snapshot()).toEqual(good);
    expect(await mongo.db(db).collection('programme_copies_before_rebuild').countDocuments({})).toBe(2);
  });
});
