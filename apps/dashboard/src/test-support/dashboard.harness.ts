import { randomUUID } from 'node:crypto';
import { Kafka, type Producer } from 'kafkajs';
import { CaseRegisteredV1, Topic, type EventData, type EventDefinition } from '@homeward/contracts';
import { createEventFactory, physicalTopic, toKafkaMessage } from '@homeward/messaging';
import type { PendingEvent } from '@homeward/persistence';
import { loadServiceConfig, startService, type RunningService } from '@homeward/runtime';
import { createLogger } from '@homeward/telemetry';
import { actingAs, testAuthEnv, testServers } from '@homeward/testing';

/** Who reads the dashboard in the tests unless a test says otherwise. */
export const VIEWER = actingAs('dashboard-viewer', ['supervisor']);
import { loadDashboardConfig } from '../config';
import { createDashboardService } from '../dashboard.service';

const sources: Record<string, string> = {
  [Topic.intake]: '/homeward/intake',
  [Topic.legal]: '/homeward/legal',
  [Topic.logistics]: '/homeward/logistics',
  [Topic.notification]: '/homeward/notification',
};

/**
 * The dashboard in-process against the real servers, fed by events produced
 * to its prefixed topics as the other services' relays would produce them.
 */
export class DashboardHarness {
  private constructor(
    readonly prefix: string,
    readonly database: string,
    readonly service: RunningService,
    private readonly producer: Producer,
  ) {}

  static async start(prefix: string): Promise<DashboardHarness> {
    const env = {
      ...testAuthEnv(),
      HOMEWARD_TOPIC_PREFIX: prefix,
      MONGO_DB: prefix.replaceAll('-', '_'),
      MONGO_URL: testServers.mongoUrl,
      KAFKA_BROKERS: testServers.kafkaBrokers.join(','),
      KAFKA_GROUP_ID: `${prefix}-dashboard`,
      DASHBOARD_CONSUMER_GROUPS: `${prefix}-dashboard`,
      DASHBOARD_REFRESH_MS: '200',
      DASHBOARD_HEALTH_CACHE_MS: '0',
    };
    const service = await startService(createDashboardService(loadDashboardConfig(env)), loadServiceConfig('dashboard', 0, env), createLogger('dashboard', (process.env['DASHBOARD_TEST_LOG'] as 'warn' | undefined) ?? 'silent'));
    const producer = new Kafka({ clientId: prefix, brokers: testServers.kafkaBrokers, logLevel: 0 }).producer();
    await producer.connect();
    return new DashboardHarness(prefix, env.MONGO_DB, service, producer);
  }

  get base(): string {
    return `http://127.0.0.1:${this.service.port}`;
  }

  /** An event as its service would publish it (not yet sent). */
  event<TDef extends EventDefinition>(definition: TDef, data: EventData<TDef>): PendingEvent {
    return createEventFactory(sources[definition.topic]!)(definition, data, { correlationid: randomUUID() });
  }

  /** Sends events to their topics, in order; the same event twice is a redelivery. */
  async send(...events: PendingEvent[]): Promise<void> {
    for (const event of events) {
      await this.producer.send({ topic: physicalTopic(this.prefix, event.topic), messages: [toKafkaMessage(event)] });
    }
  }

  /** Sends a message that breaks its contract: the consumer dead-letters it. */
  async sendPoison(): Promise<void> {
    const event = this.event(CaseRegisteredV1, registration(randomUUID(), 'RU'));
    await this.producer.send({
      topic: physicalTopic(this.prefix, Topic.intake),
      messages: [{ ...toKafkaMessage(event), value: JSON.stringify({ caseId: 'not-a-uuid' }) }],
    });
  }

  async json(path: string, headers: Record<string, string> = VIEWER): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${this.base}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async stop(): Promise<void> {
    await this.producer.disconnect();
    await this.service.drain();
    await this.service.close();
  }
}

export function registration(caseId: string, destinationState: string, programmeId = 'iq-ru-2019'): EventData<typeof CaseRegisteredV1> {
  return {
    caseId,
    programmeId,
    originState: 'IQ',
    destinationState,
    sex: 'female',
    requiresMedicalEscort: false,
    siblingCaseIds: [],
    claimedNationalities: [destinationState],
    registeredAt: new Date().toISOString(),
    personal: {
      names: [{ given: 'Testiya', family: 'Primerova', script: 'latin' }],
      birthDate: { value: '2014-01-01', precision: 'year' },
      facility: { type: 'orphanage', name: 'Test Orphanage', city: 'Baghdad' },
      guardians: [],
    },
  };
}
