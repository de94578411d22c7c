import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { CaseAssignedV1, CaseRegisteredV1, CaseUpdatedV1, MovementCancelledV1, MovementRescheduledV1, Topic } from '@homeward/contracts';
import { physicalTopic } from '@homeward/messaging';
import { connectMongo } from '@homeward/persistence';
import { createPrivacy, isSealed, privacySettings, type Privacy } from '@homeward/privacy';
import { loadServiceConfig, rebuildProjections } from '@homeward/runtime';
import { createLogger } from '@homeward/telemetry';
import { testAuthEnv, testServers } from '@homeward/testing';
import { loadMailConfig } from './mail/mail.config';
import { createNotificationService } from './notification.service';
import { EventsUnderTest, newDeployment, NotificationUnderTest, registeredCase } from './test-support/notification.test-kit';

const flight = { operator: 'Emergencies Ministry', flightNumber: 'EMR-RB', departureAirport: 'BGW', arrivalAirport: 'ZIA', scheduledDeparture: '2019-07-10T05:00:00Z' } as const;
const COPIES = ['guardian_contacts', 'case_movements'] as const;

/**
 * `npm run rebuild -- notification` on the real servers: the guardian
 * contacts and the cases' movement copies, rebuilt from the topics by a fresh
 * consumer group with the service stopped, come back as they were (personal
 * fields still sealed with the child's key), without a single e-mail or
 * event; a damaged copy comes back repaired.
 */
describe('rebuild of the notification copies from the topics', () => {
  const deployment = newDeployment();
  const env = {
    ...testAuthEnv(),
    HOMEWARD_TOPIC_PREFIX: deployment.prefix,
    MONGO_DB: deployment.database,
    MONGO_URL: testServers.mongoUrl,
    KAFKA_BROKERS: testServers.kafkaBrokers.join(','),
    KAFKA_GROUP_ID: `${deployment.prefix}-notification`,
    RELAY_POLL_MS: '50',
    SMTP_PORT: String(testServers.smtpPort),
    UNSUBSCRIBE_KEY: 'integration-test-unsubscribe-key-0123456789',
    NOTIFICATION_PUBLIC_URL: 'https://notification.homeward.example',
  };
  const config = loadServiceConfig('notification', 0, env);
  const definition = createNotificationService(loadMailConfig(env));
  const logger = createLogger('notification-rebuild', 'silent');
  const events = new EventsUnderTest(deployment);
  const kafka = new Kafka({ clientId: `${deployment.prefix}-offsets`, brokers: testServers.kafkaBrokers, logLevel: 0 });
  let mongo: MongoClient;
  let privacy: Privacy;
  let closePrivacy: () => Promise<void>;
  const first = registeredCase([{ language: 'ru' }]);
  const second = registeredCase([{ language: 'en' }]);
  const addedGuardian = { guardianId: randomUUID(), relationship: 'aunt', name: { given: 'Added', family: 'Primerova', script: 'latin' as const }, email: `${randomUUID()}@example.org`, preferredLanguage: 'fi' as (typeof first.guardians)[number]['preferredLanguage'] };
  const db = () => mongo.db(deployment.database);

  /** The copies as stored, with every sealed field opened by its own child's key and still marked sealed. */
  const opened = async (collection: string) => {
    const docs = await db().collection(collection).find({}).sort({ _id: 1 }).toArray();
    return Promise.all(
      docs.map(async (doc) =>
        Object.fromEntries(
          await Promise.all(Object.entries(doc).map(async ([field, value]) => [field, isSealed(value) ? { sealed: await privacy.open(String(doc._id), field, value) } : value])),
        ),
      ),
    );
  };
  const state = async () => Object.fromEntries(await Promise.all(COPIES.map(async (c) => [c, await opened(c)])));
  const notificationTopicEnd = async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(physicalTopic(deployment.prefix, Topic.notification))).map((o) => `${o.partition}:${o.high}`).sort();
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    mongo = await MongoClient.connect(testServers.mongoUrl);
    const connection = await connectMongo({ url: testServers.mongoUrl, dbName: deployment.database });
    privacy = await createPrivacy(connection, privacySettings(config));
    closePrivacy = () => connection.close();
    const notification = await new NotificationUnderTest(deployment).start();
    await events.start();
    try {
      const firstMovement = randomUUID();
      const secondMovement = randomUUID();
      await events.produce(CaseRegisteredV1, first.data);
      await events.produce(CaseRegisteredV1, second.data);
      const { registeredAt: _registeredAt, ...snapshot } = first.data;
      await events.produce(CaseUpdatedV1, { ...snapshot, personal: { ...snapshot.personal, guardians: [...first.guardians, addedGuardian] }, version: 2, updatedAt: '2019-06-10T09:00:00Z' });
      await events.produce(CaseAssignedV1, { caseId: first.caseId, movementId: firstMovement, seat: 1, flight, assignedAt: '2019-07-03T10:00:00Z' });
      await events.produce(CaseAssignedV1, { caseId: second.caseId, movementId: secondMovement, seat: 1, flight, assignedAt: '2019-07-03T10:00:00Z' });
      // Movement events wait (retriable) for the assignment they follow, whichever partition comes first.
      await events.produce(MovementRescheduledV1, { movementId: firstMovement, scheduledDeparture: '2019-07-10T07:30:00Z', previousDeparture: flight.scheduledDeparture, caseIds: [first.caseId], rescheduledAt: '2019-07-05T09:00:00Z' });
      await events.produce(MovementCancelledV1, { movementId: secondMovement, reason: 'aircraft unavailable', releasedCaseIds: [second.caseId], cancelledAt: '2019-07-06T09:00:00Z' });
      await events.eventually(async () => {
        const contacts = await db().collection('guardian_contacts').findOne({ _id: first.caseId as never });
        expect(contacts?.['version']).toBe(2);
        expect(await db().collection('guardian_contacts').countDocuments({})).toBe(2);
        expect(await db().collection('case_movements').findOne({ _id: first.caseId as never })).toMatchObject({ flight: { scheduledDeparture: '2019-07-10T07:30:00Z' } });
        expect(await db().collection('case_movements').findOne({ _id: second.caseId as never })).toMatchObject({ cancelled: true });
        // The e-mail group has handled all eight events (the test kit's programme announcement and the seven above; their
        // e-mails are sent within the handlers), so the deliveries compared below are final.
        expect(await db().collection('processed_events').countDocuments({ group: env.KAFKA_GROUP_ID })).toBe(8);
      });
    } finally {
      // The service stops before a rebuild (its database stays).
      await notification.stop();
      await events.stop();
    }
  });

  afterAll(async () => {
    await db().dropDatabase();
    await closePrivacy();
    await mongo.close();
  });

  it('ends with the same state as before, still sealed, sending and publishing nothing', async () => {
    const before = await state();
    const deliveries = await db().collection('deliveries').find({}).sort({ _id: 1 }).toArray();
    const published = await notificationTopicEnd();

    const outcome = await rebuildProjections(definition, config, logger);

    expect(outcome.projections).toEqual([
      { collection: 'guardian_contacts', before: 2, after: 2, differing: [] },
      { collection: 'case_movements', before: 2, after: 2, differing: [] },
    ]);
    expect(outcome.same).toBe(true);
    expect(outcome.eventsProcessed).toBe(7);
    expect(await state()).toEqual(before);
    const contactsOf = (caseId: string) => (before['guardian_contacts'] as Array<Record<string, unknown>>).find((d) => d['_id'] === caseId);
    const contact = ({ relationship: _relationship, ...rest }: (typeof first.guardians)[number]) => rest;
    expect(contactsOf(first.caseId)).toMatchObject({ version: 2, guardians: { sealed: [...first.guardians, addedGuardian].map(contact) } });
    expect(contactsOf(second.caseId)).toMatchObject({ version: 1, guardians: { sealed: second.guardians.map(contact) } });
    // At rest the personal fields are ciphertext, rebuilt or not.
    const raw = JSON.stringify(await db().collection('guardian_contacts').find({}).toArray());
    expect(raw).not.toContain(addedGuardian.email);
    expect(raw).not.toContain('Primerova');
    expect(await db().collection('deliveries').find({}).sort({ _id: 1 }).toArray()).toEqual(deliveries);
    expect(await notificationTopicEnd()).toEqual(published);
    const leftAside = (await db().listCollections().toArray()).map((c) => c.name).filter((n) => n.endsWith('_before_rebuild'));
    expect(leftAside).toEqual([]);
  });

  it('repairs a damaged or missing copy from the topics, and keeps the old copy for inspection', async () => {
    const good = await state();
    await db().collection('case_movements').updateOne({ _id: first.caseId as never }, { $set: { 'flight.scheduledDeparture': flight.scheduledDeparture } });
    await db().collection('guardian_contacts').deleteOne({ _id: second.caseId as never });

    const outcome = await rebuildProjections(definition, config, logger);

    expect(outcome.projections).toEqual([
      { collection: 'guardian_contacts', before: 1, after: 2, differing: [second.caseId] },
      { collection: 'case_movements', before: 2, after: 2, differing: [first.caseId] },
    ]);
    expect(outcome.same).toBe(false);
    expect(await state()).toEqual(good);
    expect(await db().collection('guardian_contacts_before_rebuild').countDocuments({})).toBe(1);
    expect(await db().collection('case_movements_before_rebuild').countDocuments({})).toBe(2);
  });
});
