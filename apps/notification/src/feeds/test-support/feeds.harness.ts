import { randomUUID } from 'node:crypto';
import { Kafka, type Consumer, type Producer } from 'kafkajs';
import {
  CaseRegisteredV1,
  ProgrammeCreatedV1,
  Topic,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
  type PersonName,
} from '@homeward/contracts';
import { createEventFactory, fromKafkaMessage, physicalTopic, toKafkaMessage } from '@homeward/messaging';
import { loadServiceConfig, startService, type RunningService } from '@homeward/runtime';
import { createLogger } from '@homeward/telemetry';
import { actingAs, testAuthEnv, testServers } from '@homeward/testing';
import { loadMailConfig } from '../../mail/mail.config';
import { createNotificationService } from '../../notification.service';
import { loadFeedsConfig } from '../feeds.config';

export const ADMIN = actingAs('admin-test', ['admin']);
export const OBSERVER = actingAs('observer-test', ['agency-observer']);
export const ENTITLED_AGENCY = 'ru-ombudsperson-test';

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
  text: string;
}

const sourceOf: Record<string, string> = {
  [Topic.intake]: '/homeward/intake',
  [Topic.legal]: '/homeward/legal',
  [Topic.logistics]: '/homeward/logistics',
  [Topic.notification]: '/homeward/notification',
};

/**
 * The notification service in-process against the real Kafka and MongoDB-wire server,
 * with fast webhook retries, the other services' events produced to its
 * prefixed topics as their relays would, and the notification topic read back.
 */
export class FeedsHarness {
  readonly published: EventEnvelope[] = [];
  private readonly factories = new Map(Object.entries(sourceOf).map(([topic, source]) => [topic, createEventFactory(source)]));

  private constructor(
    readonly prefix: string,
    readonly service: RunningService,
    private readonly producer: Producer,
    private readonly consumer: Consumer,
  ) {}

  static async start(prefix: string, feeds: Record<string, string> = {}): Promise<FeedsHarness> {
    const config = loadServiceConfig('notification', 0, {
      ...testAuthEnv(),
      HOMEWARD_TOPIC_PREFIX: prefix,
      MONGO_DB: prefix.replaceAll('-', '_'),
      MONGO_URL: testServers.mongoUrl,
      KAFKA_BROKERS: testServers.kafkaBrokers.join(','),
      KAFKA_GROUP_ID: prefix,
      RELAY_POLL_MS: '50',
    });
    const definition = createNotificationService(
      loadMailConfig({ SMTP_PORT: String(testServers.smtpPort) }),
      loadFeedsConfig({
        FEEDS_FULL_DATA_AGENCIES: ENTITLED_AGENCY,
        FEEDS_POLL_MS: '50',
        FEEDS_RETRY_INITIAL_MS: '50',
        FEEDS_RETRY_MAX_MS: '400',
        FEEDS_WEBHOOK_MAX_FAILURES: '3',
        FEEDS_WEBHOOK_TIMEOUT_MS: '5000',
        FEEDS_GAP_SETTLE_MS: '3000',
        ...feeds,
      }),
    );
    const service = await startService(definition, config, createLogger('notification', 'silent'));
    const kafka = new Kafka({ clientId: prefix, brokers: testServers.kafkaBrokers, logLevel: 0 });
    const producer = kafka.producer();
    await producer.connect();
    const consumer = kafka.consumer({ groupId: `${prefix}-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: physicalTopic(prefix, Topic.notification), fromBeginning: true });
    const harness = new FeedsHarness(prefix, service, producer, consumer);
    await consumer.run({ eachMessage: async ({ message }) => void harness.published.push(fromKafkaMessage(message)) });
    return harness;
  }

  get base(): string {
    return `http://127.0.0.1:${this.service.port}`;
  }

  async api(method: string, path: string, body?: unknown, headers: Record<string, string> = ADMIN): Promise<ApiAnswer> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = {};
    }
    return { status: res.status, body: parsed, text };
  }

  async subscribe(body: Record<string, unknown>): Promise<{ id: string; secret?: string }> {
    const res = await this.api('POST', '/subscriptions', body);
    if (res.status !== 201) throw new Error(`subscribing answered ${res.status}: ${res.text}`);
    return { id: res.body['subscriptionId'] as string, ...(res.body['webhookSecret'] ? { secret: res.body['webhookSecret'] as string } : {}) };
  }

  /** Produces another service's event to its prefixed topic, as that service's relay would. */
  async produce<TDef extends EventDefinition>(definition: TDef, data: EventData<TDef>): Promise<string> {
    const event = this.factories.get(definition.topic)!(definition, data, { correlationid: randomUUID() });
    await this.producer.send({ topic: physicalTopic(this.prefix, definition.topic), messages: [toKafkaMessage(event)] });
    return event.id;
  }

  /** Produces an event exactly as given (same id), as Kafka redelivering it would. */
  async produceAgain(event: EventEnvelope, topic: string): Promise<void> {
    const pending = { ...event, topic, key: event.subject, trace: undefined } as never;
    await this.producer.send({ topic: physicalTopic(this.prefix, topic), messages: [toKafkaMessage(pending)] });
  }

  async createProgramme(programmeId: string, destinationState = 'RU'): Promise<void> {
    await this.produce(ProgrammeCreatedV1, {
      programmeId,
      name: `Feeds test programme ${programmeId}`,
      originState: 'IQ',
      destinationState,
      eligibility: { maxAgeAtRegistration: 17, childrenOnly: true },
      escortPolicy: { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 },
      requirements: ['nationality-verified'],
      createdAt: new Date().toISOString(),
    });
  }

  /** Registers an invented child, as intake would publish it. */
  async registerChild(programmeId: string, child: { names: PersonName[]; birthDate: string; sex?: 'female' | 'male'; destinationState?: string; guardian?: PersonName; guardianId?: string }): Promise<string> {
    const caseId = randomUUID();
    await this.produce(CaseRegisteredV1, {
      caseId,
      programmeId,
      originState: 'IQ',
      destinationState: child.destinationState ?? 'RU',
      sex: child.sex ?? 'female',
      requiresMedicalEscort: false,
      siblingCaseIds: [],
      claimedNationalities: ['RU'],
      registeredAt: new Date().toISOString(),
      personal: {
        names: child.names,
        birthDate: { value: child.birthDate, precision: 'day' },
        placeOfBirth: 'Mosul',
        facility: { type: 'camp', name: 'Feeds Test Camp', city: 'Baghdad' },
        mother: { name: { given: 'Zarina', family: child.names[0]!.family, script: 'latin' }, status: 'detained', location: 'Feeds Test Prison' },
        guardians: [
          {
            guardianId: child.guardianId ?? randomUUID(),
            relationship: 'grandmother',
            name: child.guardian ?? { given: 'Guardiana', family: 'Feedstestova', script: 'latin' },
            email: 'guardiana.feeds@example.org',
            phone: '+7 900 000 00 00',
            preferredLanguage: 'ru',
          },
        ],
      },
    });
    return caseId;
  }

  async feed(subscriptionId: string, after = '0', limit = 500, headers = OBSERVER): Promise<ApiAnswer> {
    return this.api('GET', `/feeds/${subscriptionId}/events?after=${after}&limit=${limit}`, undefined, headers);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.producer.disconnect();
    await this.service.drain();
    await this.service.context.connection.dropDatabase();
    await this.service.close();
  }
}
