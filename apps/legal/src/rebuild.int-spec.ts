import { randomUUID } from 'node:crypto';
import { Kafka, type Producer } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { CaseRegisteredV2, ProgrammeCreatedV1, Topic, type EventData, type EventDefinition } from '@homeward/contracts';
import { createEventFactory, physicalTopic, toKafkaMessage } from '@homeward/messaging';
import { keyVaultDbFor } from '@homeward/privacy';
import { loadServiceConfig, rebuildProjections, startService } from '@homeward/runtime';
import { createLogger } from '@homeward/telemetry';
import { expectEventually, testAuthEnv, testServers, uniqueName } from '@homeward/testing';
import { legalService } from './legal.service';

/**
 * `npm run rebuild -- legal` on the real servers: the programmes' checklists,
 * rebuilt from intake's topic by a fresh consumer group with the service
 * stopped, come back exactly as they were; the legal files (legal's own
 * truth) are not touched and nothing is published; a damaged copy comes back
 * repaired.
 */
describe('rebuild of the legal projections from the topics', () => {
  const prefix = uniqueName('rebuild-legal');
  const db = prefix.replaceAll('-', '_');
  const config = loadServiceConfig('legal', 0, {
    ...testAuthEnv(),
    HOMEWARD_TOPIC_PREFIX: prefix,
    MONGO_DB: db,
    MONGO_URL: testServers.mongoUrl,
    KAFKA_BROKERS: testServers.kafkaBrokers.join(','),
    KAFKA_GROUP_ID: `${prefix}-legal`,
    RELAY_POLL_MS: '50',
  });
  const logger = createLogger('legal-rebuild', 'silent');
  const kafka = new Kafka({ clientId: prefix, brokers: testServers.kafkaBrokers, logLevel: 0 });
  const intake = createEventFactory('/homeward/intake');
  const programmeIds = ['rebuild-a', 'rebuild-b', 'rebuild-c'].map((p) => `${p}-${randomUUID().slice(0, 8)}`);
  const caseId = randomUUID();
  let mongo: MongoClient;
  const programmes = () => mongo.db(db).collection('programmes');
  const snapshot = async (collection: string) => (await mongo.db(db).collection(collection).find({}).sort({ _id: 1 }).toArray()).map((d) => JSON.stringify(d));
  const legalTopicEnd = async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(physicalTopic(prefix, Topic.legal))).map((o) => `${o.partition}:${o.high}`).sort();
    } finally {
      await admin.disconnect();
    }
  };
  const send = async <T extends EventDefinition>(producer: Producer, definition: T, data: EventData<T>) =>
    producer.send({ topic: physicalTopic(prefix, definition.topic), messages: [toKafkaMessage(intake(definition, data, { correlationid: prefix }))] });

  beforeAll(async () => {
    mongo = await MongoClient.connect(testServers.mongoUrl);
    const service = await startService(legalService, config, logger);
    const producer = kafka.producer();
    await producer.connect();
    try {
      for (const [i, programmeId] of programmeIds.entries()) {
        await send(producer, ProgrammeCreatedV1, {
          programmeId,
          name: `Rebuild programme ${i}`,
          originState: 'IQ',
          destinationState: 'RU',
          eligibility: { maxAgeAtRegistration: 17, childrenOnly: true },
          escortPolicy: { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 },
          requirements: i === 0 ? ['nationality-verified', 'security-screening'] : ['nationality-verified'],
          createdAt: `2019-0${i + 1}-01T00:00:00Z`,
        });
      }
      // A case too: its legal file is legal's own truth, which the rebuild must leave as it is.
      await send(producer, CaseRegisteredV2, {
        caseId,
        programmeId: programmeIds[0]!,
        originState: 'IQ',
        destinationState: 'RU',
        sex: 'male',
        requiresMedicalEscort: false,
        siblingCaseIds: [],
        claimedNationalities: [],
        registeredAt: '2019-06-03T09:15:00Z',
        personal: {
          names: [{ given: 'Test', family: 'Rebuild', script: 'latin' }],
          birthDate: '2016-01-01',
          birthDatePrecision: 'year',
          facility: { type: 'camp', name: 'Test Camp', city: 'Baghdad' },
          guardians: [],
        },
      });
      await expectEventually(async () => {
        expect(await programmes().countDocuments({})).toBe(3);
        expect(await mongo.db(db).collection('legal_files').findOne({ _id: caseId as never })).not.toBeNull();
        expect((await legalTopicEnd()).some((p) => !p.endsWith(':0'))).toBe(true);
      }, { timeoutMs: 60_000 });
    } finally {
      await producer.disconnect();
      await service.drain();
      await service.close();
    }
  });

  afterAll(async () => {
    await mongo.db(db).dropDatabase();
    await mongo.close();
  });

  it('ends with the same state as before, leaving the legal files alone and publishing nothing', async () => {
    const before = await snapshot('programmes');
    const files = await snapshot('legal_files');
    const published = await legalTopicEnd();

    const outcome = await rebuildProjections(legalService, config, logger);

    expect(outcome.projections).toEqual([{ collection: 'programmes', before: 3, after: 3, differing: [] }]);
    expect(outcome.same).toBe(true);
    expect(outcome.eventsProcessed).toBe(3);
    expect(await snapshot('programmes')).toEqual(before);
    expect(before.map((d) => JSON.parse(d) as { requirements: string[] }).map((p) => p.requirements.length).sort()).toEqual([1, 1, 2]);
    expect(await snapshot('legal_files')).toEqual(files);
    expect(await legalTopicEnd()).toEqual(published);
    expect(await mongo.db(db).listCollections({ name: 'programmes_before_rebuild' }).toArray()).toEqual([]);
  });

  it('touches nothing when it cannot read the topics', async () => {
    const before = await snapshot('programmes');
    // The same database, but topics that do not exist: the broker cannot say where they end.
    const nowhere = uniqueName('rebuild-none');
    const elsewhere = loadServiceConfig('legal', 0, { ...testAuthEnv(), HOMEWARD_TOPIC_PREFIX: nowhere, MONGO_DB: db, MONGO_URL: testServers.mongoUrl, KAFKA_BROKERS: testServers.kafkaBrokers.join(','), KAFKA_GROUP_ID: `${prefix}-legal` });
    await expect(rebuildProjections(legalService, elsewhere, logger)).rejects.toThrow(/topic/i);
    await mongo.db(keyVaultDbFor(nowhere)).dropDatabase();
    expect(await snapshot('programmes')).toEqual(before);
    expect(await mongo.db(db).listCollections({ name: 'programmes_before_rebuild' }).toArray()).toEqual([]);
  }, 120_000);

  it('repairs a damaged or missing copy from the topics, and keeps the old copy for inspection', async () => {
    const good = await snapshot('programmes');
    await programmes().updateOne({ _id: programmeIds[0] as never }, { $set: { requirements: [] } });
    await programmes().deleteOne({ _id: programmeIds[2] as never });

    const outcome = await rebuildProjections(legalService, config, logger);

    expect(outcome.projections).toEqual([{ collection: 'programmes', before: 2, after: 3, differing: [programmeIds[0], programmeIds[2]].sort() }]);
    expect(outcome.same).toBe(false);
    expect(await snapshot('programmes')).toEqual(good);
    expect(await mongo.db(db).collection('programmes_before_rebuild').countDocuments({})).toBe(2);
  });
});
