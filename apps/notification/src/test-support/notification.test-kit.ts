import { randomUUID } from 'node:crypto';
import { Kafka, type Consumer, type Producer } from 'kafkajs';
import { ProgrammeCreatedV1, Topic, type CaseRegisteredV1, type EventData, type EventDefinition, type EventEnvelope } from '@homeward/contracts';
import { exampleData } from '@homeward/contracts/testing';
import type { PendingEvent } from '@homeward/persistence';
import { createEventFactory, fromKafkaMessage, physicalTopic, toKafkaMessage } from '@homeward/messaging';
import { loadServiceConfig, startService, type RunningService } from '@homeward/runtime';
import { createLogger } from '@homeward/telemetry';
import { actingAs, expectEventually, TEST_AGENCY, testAuthEnv, testServers, uniqueName } from '@homeward/testing';

/** The case worker who reads deliveries and previews in the tests (the unsubscribe link needs no token). */
const CASE_WORKER = actingAs('case-worker-1', ['case-worker']);
import { loadMailConfig } from '../mail/mail.config';
import { createNotificationService } from '../notification.service';

export interface Reply<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: T;
}

/** Topics and database a test's notification instances share (two instances = one deployment scaled out). */
export interface Deployment {
  readonly prefix: string;
  readonly database: string;
}

export const newDeployment = (): Deployment => {
  const prefix = uniqueName('notification');
  return { prefix, database: prefix.replaceAll('-', '_') };
};

/** One notification instance in-process against the real Kafka, MongoDB-wire server and Mailpit. */
export class NotificationUnderTest {
  service!: RunningService;
  base = '';

  constructor(
    readonly deployment: Deployment,
    private readonly env: Record<string, string> = {},
    readonly groupId = `${deployment.prefix}-notification`,
  ) {}

  async start(): Promise<this> {
    const env = {
      ...testAuthEnv(),
      HOMEWARD_TOPIC_PREFIX: this.deployment.prefix,
      MONGO_DB: this.deployment.database,
      MONGO_URL: testServers.mongoUrl,
      KAFKA_BROKERS: testServers.kafkaBrokers.join(','),
      KAFKA_GROUP_ID: this.groupId,
      RELAY_POLL_MS: '50',
      SMTP_PORT: String(testServers.smtpPort),
      UNSUBSCRIBE_KEY: 'integration-test-unsubscribe-key-0123456789',
      NOTIFICATION_PUBLIC_URL: 'https://notification.homeward.example',
      ...this.env,
    };
    const service = createNotificationService(loadMailConfig(env));
    this.service = await startService(service, loadServiceConfig('notification', 0, env), createLogger('notification', 'silent'));
    this.base = `http://127.0.0.1:${this.service.port}`;
    return this;
  }

  async stop(): Promise<void> {
    await this.service.drain();
    await this.service.close();
  }

  async call<T = Record<string, unknown>>(method: string, path: string, headers: Record<string, string> = CASE_WORKER): Promise<Reply<T>> {
    const res = await fetch(`${this.base}${path}`, { method, headers });
    const text = await res.text();
    const json = (res.headers.get('content-type') ?? '').includes('json');
    return { status: res.status, headers: res.headers, text, body: (json ? JSON.parse(text) : {}) as T };
  }

  deliveries(caseId: string) {
    return this.call<{ deliveries: Array<Record<string, unknown>> }>('GET', `/cases/${caseId}/deliveries`).then((r) => r.body.deliveries);
  }
}

/** Plays intake, legal and logistics: publishes their events to the deployment's topics, and reads what notification publishes. */
export class EventsUnderTest {
  private readonly kafka = new Kafka({ clientId: uniqueName('notification-test'), brokers: testServers.kafkaBrokers, logLevel: 0 });
  private producer?: Producer;
  private collector?: Consumer;
  private readonly otherService = createEventFactory('/homeward/test-double');
  readonly published: EventEnvelope[] = [];

  constructor(private readonly deployment: Deployment) {}

  async start(): Promise<this> {
    this.producer = this.kafka.producer();
    await this.producer.connect();
    this.collector = this.kafka.consumer({ groupId: `${this.deployment.prefix}-collector`, maxWaitTimeInMs: 100 });
    await this.collector.connect();
    await this.collector.subscribe({ topic: physicalTopic(this.deployment.prefix, Topic.notification), fromBeginning: true });
    await this.collector.run({ eachMessage: async ({ message }) => void this.published.push(fromKafkaMessage(message)) });
    // The cases' programme, as intake announces it: who may read their deliveries (libs/auth agency-policy).
    await this.produce(ProgrammeCreatedV1, { ...exampleData['programme.created.v1'], programmeId: 'iq-ru-2019', participatingAgencies: [TEST_AGENCY] });
    return this;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.producer?.disconnect(), this.collector?.disconnect()]);
  }

  event<TDef extends EventDefinition>(definition: TDef, data: EventData<TDef>): PendingEvent {
    return this.otherService(definition, data, { correlationid: 'test' });
  }

  /** Publishes an event `times` times (a redelivery keeps its id). */
  async send(event: PendingEvent, times = 1): Promise<PendingEvent> {
    await this.producer!.send({ topic: physicalTopic(this.deployment.prefix, event.topic), messages: Array.from({ length: times }, () => toKafkaMessage(event)) });
    return event;
  }

  async produce<TDef extends EventDefinition>(definition: TDef, data: EventData<TDef>, times = 1): Promise<PendingEvent> {
    return this.send(this.event(definition, data), times);
  }

  ofType(type: string) {
    return this.published.filter((e) => e.type === type);
  }

  eventually<T>(assertion: () => T | Promise<T>) {
    return expectEventually(assertion, { timeoutMs: 60_000, intervalMs: 200 });
  }
}

/** A registered case with guardians at fresh addresses (Mailpit is shared by every test). */
export function registeredCase(guardians: Array<{ language: 'ru' | 'en' | 'ar' | 'fr' | 'de' | 'tr' | 'fi' }>) {
  const caseId = randomUUID();
  const contacts = guardians.map(({ language }) => ({
    guardianId: randomUUID(),
    relationship: 'grandmother',
    name: { given: 'Sample', family: 'Primerova', script: 'latin' as const },
    email: `${uniqueName(`guardian-${language}`)}@example.org`,
    preferredLanguage: language,
  }));
  const data: EventData<typeof CaseRegisteredV1> = {
    caseId,
    programmeId: 'iq-ru-2019',
    originState: 'IQ',
    destinationState: 'RU',
    sex: 'female',
    requiresMedicalEscort: false,
    siblingCaseIds: [],
    claimedNationalities: ['RU'],
    registeredAt: '2019-06-03T09:15:00Z',
    personal: {
      names: [
        { given: 'Тестовая', family: 'Примерова', script: 'cyrillic' },
        { given: 'Testovaya', family: 'Primerova', script: 'latin' },
      ],
      birthDate: { value: '2014-01-01', precision: 'year' },
      facility: { type: 'prison', name: 'Example Facility 1', city: 'Baghdad' },
      guardians: contacts,
    },
  };
  return { caseId, guardians: contacts, data };
}
