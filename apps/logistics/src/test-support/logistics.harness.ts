import { randomUUID } from 'node:crypto';
import { Kafka, type Consumer, type Producer } from 'kafkajs';
import {
  CaseClearedV1,
  CaseRegisteredV1,
  ProgrammeCreatedV1,
  Topic,
  type CaseRegisteredV1Data,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
} from '@homeward/contracts';
import { createEventFactory, fromKafkaMessage, openEventEnvelope, physicalTopic, toKafkaMessage } from '@homeward/messaging';
import { sealEvent } from '@homeward/persistence';
import { loadServiceConfig, startService, type RunningService } from '@homeward/runtime';
import { createLogger } from '@homeward/telemetry';
import { actingAs, TEST_AGENCY, testAuthEnv } from '@homeward/testing';
import { logisticsService } from '../logistics.service';

export interface Servers {
  readonly kafkaBrokers: string[];
  readonly mongoUrl: string;
}

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export const OFFICER = actingAs('logistics-officer-test', ['logistics-officer']);

/**
 * The logistics service in-process against the real servers, with what its
 * integration tests need: HTTP calls, events of the other services produced
 * to its prefixed topics, and every event it publishes, read back from Kafka.
 */
export class LogisticsHarness {
  readonly published: EventEnvelope[] = [];
  private readonly intakeEvents = createEventFactory('/homeward/intake');
  private readonly legalEvents = createEventFactory('/homeward/legal');

  private constructor(
    readonly prefix: string,
    readonly service: RunningService,
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    private readonly consumer: Consumer,
  ) {}

  static async start(prefix: string, servers: Servers): Promise<LogisticsHarness> {
    const config = loadServiceConfig('logistics', 0, {
      ...testAuthEnv(),
      HOMEWARD_TOPIC_PREFIX: prefix,
      MONGO_DB: prefix.replaceAll('-', '_'),
      MONGO_URL: servers.mongoUrl,
      KAFKA_BROKERS: servers.kafkaBrokers.join(','),
      KAFKA_GROUP_ID: prefix,
      RELAY_POLL_MS: '50',
    });
    const service = await startService(logisticsService, config, createLogger('logistics', 'silent'));
    const kafka = new Kafka({ clientId: prefix, brokers: servers.kafkaBrokers, logLevel: 0 });
    const producer = kafka.producer();
    await producer.connect();
    const consumer = kafka.consumer({ groupId: `${prefix}-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: physicalTopic(prefix, Topic.logistics), fromBeginning: true });
    const harness = new LogisticsHarness(prefix, service, kafka, producer, consumer);
    await consumer.run({
      eachMessage: async ({ message }) => void harness.published.push((await openEventEnvelope(service.context.privacy, fromKafkaMessage(message))).envelope),
    });
    return harness;
  }

  get base(): string {
    return `http://127.0.0.1:${this.service.port}`;
  }

  async api(method: string, path: string, body?: unknown, headers: Record<string, string> = OFFICER): Promise<ApiAnswer> {
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
      parsed = { text };
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** Produces another service's event to its prefixed topic, as that service's relay would. */
  async produce<TDef extends EventDefinition>(definition: TDef, data: EventData<TDef>): Promise<void> {
    await (await this.sealed(definition, data)).send();
  }

  /** Seals another service's event now (its personal part under the child's key) and sends it when told: after an erasure, say. */
  async sealed<TDef extends EventDefinition>(definition: TDef, data: EventData<TDef>): Promise<{ send(): Promise<void> }> {
    const factory = definition.topic === Topic.legal ? this.legalEvents : this.intakeEvents;
    const event = await sealEvent(this.service.context.privacy, factory(definition, data, { correlationid: randomUUID() }));
    return { send: async () => void (await this.producer.send({ topic: physicalTopic(this.prefix, definition.topic), messages: [toKafkaMessage(event)] })) };
  }

  async createProgramme(programmeId: string, escortPolicy = { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 }): Promise<void> {
    await this.produce(ProgrammeCreatedV1, {
      programmeId,
      name: `Test programme ${programmeId}`,
      originState: 'IQ',
      destinationState: 'RU',
      eligibility: { maxAgeAtRegistration: 17, childrenOnly: true },
      escortPolicy,
      requirements: ['nationality-verified'],
      // The tests' callers' agency takes part: a programme without a list is the operators' alone.
      participatingAgencies: [TEST_AGENCY],
      createdAt: new Date().toISOString(),
    });
  }

  /** Registers (and, unless told otherwise, clears) an invented child under the programme. */
  async addCase(programmeId: string, over: Partial<Omit<CaseRegisteredV1Data, 'personal'>> & { personal?: Partial<CaseRegisteredV1Data['personal']> } = {}, cleared = true): Promise<string> {
    const caseId = over.caseId ?? randomUUID();
    const { personal, ...rest } = over;
    await this.produce(CaseRegisteredV1, {
      caseId,
      programmeId,
      originState: 'IQ',
      destinationState: 'RU',
      sex: 'female',
      requiresMedicalEscort: false,
      siblingCaseIds: [],
      claimedNationalities: ['RU'],
      registeredAt: new Date().toISOString(),
      ...rest,
      personal: {
        names: [
          { given: 'Тестия', family: 'Примерова', script: 'cyrillic' },
          { given: 'Testiya', family: 'Primerova', script: 'latin' },
        ],
        birthDate: { value: '2014-01-01', precision: 'year' },
        facility: { type: 'orphanage', name: 'Test Orphanage', city: 'Baghdad' },
        guardians: [
          {
            guardianId: randomUUID(),
            relationship: 'grandmother',
            name: { given: 'Anna', family: 'Primerova', script: 'latin' },
            email: 'anna.test@example.org',
            preferredLanguage: 'ru',
          },
        ],
        ...personal,
      },
    });
    if (cleared) {
      await this.produce(CaseClearedV1, {
        caseId,
        programmeId,
        destinationState: 'RU',
        clearedAt: new Date().toISOString(),
        approvedBy: ['legal-officer-test', 'supervisor-test'],
      });
    }
    return caseId;
  }

  async scheduleMovement(programmeId: string, over: Record<string, unknown> = {}): Promise<string> {
    const res = await this.api('POST', '/movements', {
      programmeId,
      operator: 'Emergencies Ministry',
      flightNumber: 'EMR-TEST',
      departureAirport: 'BGW',
      arrivalAirport: 'ZIA',
      scheduledDeparture: '2019-07-10T05:00:00Z',
      seats: 33,
      ...over,
    });
    if (res.status !== 201) throw new Error(`scheduling answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body['movementId'] as string;
  }

  async addEscorts(movementId: string, ...roles: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const role of roles) {
      const res = await this.api('POST', `/movements/${movementId}/escorts`, { name: `Escort ${role} ${ids.length + 1}`, role });
      if (res.status !== 201) throw new Error(`adding an escort answered ${res.status}`);
      const escorts = res.body['escorts'] as { escortId: string }[];
      ids.push(escorts.at(-1)!.escortId);
    }
    return ids;
  }

  /** Events logistics published about a case or a movement (its Kafka key), in order. */
  eventsAbout(subject: string): string[] {
    return this.published.filter((e) => e.subject === subject).map((e) => e.type);
  }

  /** Messages on logistics' topic, counted by the broker: a refusal must not add one. */
  async publishedCount(): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(physicalTopic(this.prefix, Topic.logistics));
      return offsets.reduce((n, o) => n + Number(o.high), 0);
    } finally {
      await admin.disconnect();
    }
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.producer.disconnect();
    await this.service.drain();
    await this.service.context.connection.dropDatabase();
    await this.service.close();
  }
}
