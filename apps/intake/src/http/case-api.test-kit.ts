import { Kafka, type Consumer, type Producer } from 'kafkajs';
import { createEventFactory, fromKafkaMessage, openEventEnvelope, physicalTopic, toKafkaMessage } from '@homeward/messaging';
import { sealEvent } from '@homeward/persistence';
import { Topic, type EventData, type EventDefinition, type EventEnvelope } from '@homeward/contracts';
import { loadServiceConfig, startService, type RunningService } from '@homeward/runtime';
import { createLogger } from '@homeward/telemetry';
import { actingAs, testAuthEnv } from '@homeward/testing';
import { intakeService } from '../intake.service';
import { registerCaseModel } from '../store/case.model';
import { registerProgrammeModel } from '../store/programme.model';

/** What the kit needs of @homeward/testing, passed in by the spec (only test files may import the testing lib). */
export interface TestingKit {
  readonly testServers: { readonly kafkaBrokers: string[]; readonly mongoUrl: string };
  readonly uniqueName: (prefix: string) => string;
  readonly expectEventually: <T>(assertion: () => T | Promise<T>, options?: { timeoutMs?: number; intervalMs?: number }) => Promise<T>;
}

export const USER_ID = 'case-worker-1';
export const USER = actingAs(USER_ID, ['case-worker']);
/** Programmes are created, suspended and resumed by a supervisor. */
export const SUPERVISOR_ID = 'supervisor-1';
export const SUPERVISOR = actingAs(SUPERVISOR_ID, ['supervisor']);

export interface Reply<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/**
 * Intake started in-process against the real Kafka and MongoDB-wire server, with its own
 * topic prefix, database and group, a consumer that records every event it
 * publishes, and a producer that plays legal and logistics.
 */
export class IntakeUnderTest {
  readonly prefix: string;
  service!: RunningService;
  base = '';
  readonly published: EventEnvelope[] = [];
  /** The same events as they travel on Kafka, personal part still sealed. */
  readonly sealedPublished: EventEnvelope[] = [];
  private readonly kafka: Kafka;
  private collector?: Consumer;
  private producer?: Producer;
  private readonly otherService = createEventFactory('/homeward/test-double');

  /** `env`: more of intake's configuration, e.g. a retention period a test can wait out. */
  constructor(
    private readonly testing: TestingKit,
    private readonly env: Record<string, string> = {},
  ) {
    this.prefix = testing.uniqueName('intake');
    this.kafka = new Kafka({ clientId: this.prefix, brokers: testing.testServers.kafkaBrokers, logLevel: 0 });
  }

  async start(): Promise<void> {
    const { testServers } = this.testing;
    const config = loadServiceConfig('intake', 0, {
      ...testAuthEnv(),
      HOMEWARD_TOPIC_PREFIX: this.prefix,
      MONGO_DB: this.prefix.replaceAll('-', '_'),
      MONGO_URL: testServers.mongoUrl,
      KAFKA_BROKERS: testServers.kafkaBrokers.join(','),
      KAFKA_GROUP_ID: this.prefix,
      RELAY_POLL_MS: '50',
      ...this.env,
    });
    this.service = await startService(intakeService, config, createLogger('intake', 'silent'));
    this.base = `http://127.0.0.1:${this.service.port}`;
    this.collector = this.kafka.consumer({ groupId: `${this.prefix}-collector`, maxWaitTimeInMs: 100 });
    await this.collector.connect();
    await this.collector.subscribe({ topic: physicalTopic(this.prefix, Topic.intake), fromBeginning: true });
    // Intake publishes personal data sealed; the kit reads it as a consumer would.
    await this.collector.run({
      eachMessage: async ({ message }) => {
        const sealed = fromKafkaMessage(message);
        this.sealedPublished.push(sealed);
        this.published.push((await openEventEnvelope(this.service.context.privacy, sealed)).envelope);
      },
    });
    this.producer = this.kafka.producer();
    await this.producer.connect();
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.collector?.disconnect(), this.producer?.disconnect()]);
    await this.service.drain();
    const { connection, privacy } = this.service.context;
    await connection.dropDatabase();
    await connection.useDb(privacy.vault.databaseName).dropDatabase();
    await this.service.close();
  }

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = USER): Promise<Reply<T>> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as T };
  }

  /** Plays another service: publishes one of its events to intake's view of the topics. */
  async produce<TDef extends EventDefinition>(definition: TDef, data: EventData<TDef>, times = 1): Promise<void> {
    const event = await sealEvent(this.service.context.privacy, this.otherService(definition, data, { correlationid: 'test' }));
    const messages = Array.from({ length: times }, () => toKafkaMessage(event));
    await this.producer!.send({ topic: physicalTopic(this.prefix, definition.topic), messages });
  }

  publishedOfType(type: string): EventEnvelope[] {
    return this.published.filter((e) => e.type === type);
  }

  /**
   * Once every committed event has been relayed and collected, the collected
   * list is complete: a refusal that published nothing leaves it unchanged.
   */
  async settled(): Promise<number> {
    const { connection } = this.service.context;
    registerCaseModel(connection);
    registerProgrammeModel(connection);
    // The outboxes hold what the relay has yet to publish.
    const outboxes = [connection.models['CaseOutbox']!, connection.models['ProgrammeOutbox']!];
    return this.testing.expectEventually(async () => {
      for (const outbox of outboxes) expect(await outbox.countDocuments({})).toBe(0);
      const offsets = await this.topicHighWatermark();
      expect(this.published.length).toBe(offsets);
      return this.published.length;
    });
  }

  caseCount(): Promise<number> {
    return registerCaseModel(this.service.context.connection).countDocuments();
  }

  programmeCount(): Promise<number> {
    return registerProgrammeModel(this.service.context.connection).countDocuments();
  }

  private async topicHighWatermark(): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(physicalTopic(this.prefix, Topic.intake));
      return offsets.reduce((n, o) => n + Number(o.high), 0);
    } finally {
      await admin.disconnect();
    }
  }
}

export const programmeBody = (programmeId: string, overrides: Record<string, unknown> = {}) => ({
  programmeId,
  name: 'Iraq → Russian Federation, children only',
  originState: 'IQ',
  destinationState: 'RU',
  eligibility: { maxAgeAtRegistration: 17, childrenOnly: true },
  escortPolicy: { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 },
  requirements: ['nationality-verified', 'guardian-approved', 'parental-consent', 'exit-clearance', 'travel-document', 'security-screening'],
  ...overrides,
});

export const caseBody = (programmeId: string, overrides: Record<string, unknown> = {}) => ({
  programmeId,
  sex: 'female',
  names: [
    { given: 'Тестия', family: 'Примерова', script: 'cyrillic' },
    { given: 'Testiya', family: 'Primerova', script: 'latin' },
  ],
  birthDate: { value: '2015-04-01', precision: 'month' },
  facility: { type: 'orphanage', name: 'Test Orphanage No. 1', city: 'Baghdad' },
  guardians: [
    { relationship: 'grandmother', name: { given: 'Анна', family: 'Примерова', script: 'cyrillic' }, email: 'anna.test@example.org', preferredLanguage: 'ru' },
  ],
  ...overrides,
});
