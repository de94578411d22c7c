import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { CaseRegisteredV1, ProgrammeCreatedV1, Topic } from '@homeward/contracts';
import { createEventFactory, physicalTopic, toKafkaMessage } from '@homeward/messaging';
import { actingAs, expectEventually, freePort, launchService, repoRoot, TEST_AGENCY, testAuthEnv, testServers, uniqueName, waitUntilReady } from '@homeward/testing';

/**
 * DESIGN "Guarantees": a service stopped with SIGTERM finishes in-flight work
 * and commits. Proven on a real process: after a clean stop, the consumer
 * group's committed offsets reach the end of every partition it read, so a
 * restart redelivers nothing.
 */
describe('graceful shutdown of a service process', () => {
  const prefix = uniqueName('shutdown');
  const group = `${prefix}-legal`;
  const kafka = new Kafka({ clientId: prefix, brokers: testServers.kafkaBrokers, logLevel: 0 });
  const events = createEventFactory('/homeward/intake');
  const programmeId = `prog-${randomUUID().slice(0, 8)}`;

  it('commits every processed message on SIGTERM and exits 0', async () => {
    const port = await freePort();
    const legal = launchService('legal', {
      port,
      logFile: join(repoRoot, 'tmp', 'graceful-shutdown', `${prefix}.log`),
      env: {
        ...testAuthEnv(),
        HOMEWARD_TOPIC_PREFIX: prefix,
        MONGO_URL: testServers.mongoUrl,
        MONGO_DB: prefix.replaceAll('-', '_'),
        KAFKA_BROKERS: testServers.kafkaBrokers.join(','),
        KAFKA_GROUP_ID: group,
        LOG_LEVEL: 'warn',
      },
    });
    await waitUntilReady(legal.url, 90_000, () => legal.child.exitCode === null);

    const producer = kafka.producer();
    await producer.connect();
    const caseIds = Array.from({ length: 12 }, () => randomUUID() as string);
    const programme = events(ProgrammeCreatedV1, {
      programmeId,
      name: 'Shutdown test programme',
      originState: 'IQ',
      destinationState: 'RU',
      eligibility: { maxAgeAtRegistration: 17, childrenOnly: true },
      escortPolicy: { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 },
      requirements: ['nationality-verified', 'security-screening'],
      // A programme without a participant list is open to operators only: the test's agency takes part.
      participatingAgencies: [TEST_AGENCY],
      createdAt: new Date().toISOString(),
    }, { correlationid: programmeId });
    const registrations = caseIds.map((caseId) =>
      events(CaseRegisteredV1, {
        caseId,
        programmeId,
        originState: 'IQ',
        destinationState: 'RU',
        sex: 'male',
        requiresMedicalEscort: false,
        siblingCaseIds: [],
        claimedNationalities: [],
        registeredAt: new Date().toISOString(),
        personal: {
          names: [{ given: 'Test', family: 'Shutdown', script: 'latin' }],
          birthDate: { value: '2016-01-01', precision: 'year' },
          facility: { type: 'camp', name: 'Test Camp', city: 'Baghdad' },
          guardians: [],
        },
      }, { correlationid: caseId }),
    );
    const topic = physicalTopic(prefix, Topic.intake);
    await producer.send({ topic, messages: [programme, ...registrations].map(toKafkaMessage) });
    await producer.disconnect();

    // Every case has its legal file: every message was processed.
    await expectEventually(async () => {
      for (const caseId of caseIds) expect((await fetch(`${legal.url}/legal-files/${caseId}`, { headers: actingAs('test', ['legal-officer']) })).status).toBe(200);
    }, { timeoutMs: 60_000 });

    expect(await legal.stop('SIGTERM')).toBe(0);

    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      // A partition no message went to has nothing to commit.
      for (const end of ends.filter((e) => Number(e.high) > 0)) {
        const mine = committed!.partitions.find((p) => p.partition === end.partition);
        expect({ partition: end.partition, committed: mine?.offset }).toEqual({ partition: end.partition, committed: end.high });
      }
    } finally {
      await admin.disconnect();
    }
  });
});
