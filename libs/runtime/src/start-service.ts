import { randomUUID } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import type { Express } from 'express';
import { Partitioners } from 'kafkajs';
import { metrics } from '@opentelemetry/api';
import { deadLetterTopic } from '@homeward/contracts';
import { AuditTrail, auditMiddleware, auditRoutes, unauthenticatedAuditMiddleware } from '@homeward/audit';
import { authenticationMiddleware, createTokenVerifier, type AgencyPolicy } from '@homeward/auth';
import { createApiRouter, createHttpApp, requestIdOf, startHttpServer, type ApiRouter } from '@homeward/http';
import {
  createEventConsumer,
  createEventFactory,
  createKafka,
  createOutboxRelay,
  ensureTopics,
  physicalTopic,
  registerMessagingMetrics,
  requireTopics,
  topicsOfService,
  type EventConsumer,
  type MessagingMetrics,
  type EventFactory,
  type HandlerRegistration,
} from '@homeward/messaging';
import { connectMongo, onCommitted, OutboxStore, pingMongo, ProcessedEventStore, syncIndexes, usePersonalDataCodec } from '@homeward/persistence';
import { createPrivacy, privacySettings, type Privacy } from '@homeward/privacy';
import type { Logger } from 'pino';
import { createHttpLogger } from '@homeward/telemetry';
import { productionMode } from '@homeward/config';
import { perCallerRateLimit } from './rate-limit';
import type { ServiceConfig } from './service-env';

/** What a service's routes and handlers get: its own database and a way to raise events. */
export interface ServiceContext {
  readonly connection: Connection;
  readonly events: EventFactory;
  /** Call after a commit that wrote events, so the relay publishes them now. */
  readonly published: () => void;
  readonly logger: Logger;
  /** Seals and opens personal data with the children's keys, blinds search keys, erases a child. */
  readonly privacy: Privacy;
  /** Which agencies see every programme, and whose auditors read the whole trail (libs/auth agency-policy). */
  readonly agencies: AgencyPolicy;
  /** Reads the service's own audit trail (e.g. which agency a person acted for). */
  readonly audit: Pick<AuditTrail, 'query'>;
}

export interface ServiceDefinition {
  readonly name: string;
  /** Registers the service's mongoose models on its connection; those with an outbox are returned. */
  readonly models: (connection: Connection) => readonly Model<never>[];
  /** The service's routes; every one of them requires a valid bearer token (default deny). */
  readonly routes?: (app: Express, context: ServiceContext) => void;
  /**
   * Routes reachable without a token, mounted before authentication and
   * before the JSON body parser: only a link that carries its own proof (the
   * signed unsubscribe link), which the route itself must verify.
   */
  readonly publicRoutes?: (app: Express, context: ServiceContext) => void;
  /** POST routes whose JSON body may exceed the general 256 kb limit (createHttpApp's `largeJsonBodies`). */
  readonly largeJsonBodies?: ReadonlyArray<{ readonly path: string; readonly limit: string | number }>;
  readonly handlers?: (context: ServiceContext) => readonly HandlerRegistration[];
  /**
   * Further consumer groups (`<KAFKA_GROUP_ID>-<name>`), for a part of the
   * service whose lag and failures must not hold back the rest (the agency
   * feeds against the guardian e-mails).
   */
  readonly consumers?: ReadonlyArray<{ readonly name: string; readonly handlers: (context: ServiceContext) => readonly HandlerRegistration[] }>;
  /** Background loops (webhook delivery): started once the consumers run, stopped with them on drain. */
  readonly workers?: (context: ServiceContext) => ReadonlyArray<{ start(): void; stop(): Promise<void> }>;
  /**
   * The local copies and read models that events alone maintain: each
   * collection with the handlers that write it and nothing else (no e-mail,
   * no event), so `npm run rebuild` can replay the topics into them.
   */
  readonly projections?: (context: ServiceContext) => readonly Projection[];
  /** Closes the service's own clients (an SMTP pool) after the relay's last flush. */
  readonly close?: () => Promise<void>;
  /** Scheduled work (a retention job), started once the service runs and stopped with the requests. */
  readonly background?: (context: ServiceContext, config: ServiceConfig) => { stop(): Promise<void> };
}

export interface Projection {
  readonly collection: string;
  readonly handlers: readonly HandlerRegistration[];
  /**
   * What a rebuild compares of each document, when the documents keep more
   * than their state (the default compares the whole document): for counters
   * whose idempotency tokens carry the time they were written and whose
   * fields appear in the order the increments came. Every value that states
   * something must stay in it.
   */
  readonly comparable?: (document: Record<string, unknown>) => unknown;
}

export interface RunningService {
  readonly port: number;
  readonly context: ServiceContext;
  /** Phase one: stop taking requests and messages, finish what is in flight. */
  drain(): Promise<void>;
  /** Phase two: publish what was committed, close the producer and the database. */
  close(): Promise<void>;
}

/**
 * Wires one service from its definition: database, Kafka producer, outbox
 * relay, idempotent consumer and HTTP API, in the order that lets nothing be
 * lost (the relay runs before requests are taken; it stops after them).
 */
export async function startService(definition: ServiceDefinition, config: ServiceConfig, logger: Logger): Promise<RunningService> {
  const { name } = definition;
  const connection = await connectMongo({ url: config.MONGO_URL, dbName: config.MONGO_DB, security: config.mongoSecurity });
  // Before any model is used: every aggregate on this connection seals its personal fields with it.
  const privacy = await createPrivacy(connection, privacySettings(config));
  usePersonalDataCodec(connection, privacy);
  const outboxModels = definition.models(connection);
  await syncIndexes(connection);

  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID ?? `homeward-${name}`, logger, ...config.kafkaSecurity });
  const dlq = physicalTopic(config.HOMEWARD_TOPIC_PREFIX, deadLetterTopic(name));
  const topics = topicsOfService(name, config.HOMEWARD_TOPIC_PREFIX);
  // Production topics are the deployment's (the catalogue, `npm run topics -- apply`), with their replication factor.
  await (productionMode(config) ? requireTopics(kafka, topics) : ensureTopics(kafka, topics));
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();

  const relay = createOutboxRelay({
    producer,
    stores: outboxModels.map((m) => new OutboxStore(m)),
    topicPrefix: config.HOMEWARD_TOPIC_PREFIX,
    logger,
    pollMs: config.RELAY_POLL_MS,
  });
  onCommitted(connection, () => relay.notify());
  relay.start();

  // One audit chain per service, in its own database (DESIGN: each service owns its data).
  const audit = AuditTrail.of(connection);
  await audit.prepare();

  const context: ServiceContext = {
    connection,
    events: createEventFactory(`/homeward/${name}`),
    published: () => relay.notify(),
    logger,
    privacy,
    agencies: config.agencies,
    audit,
  };

  const consumers: EventConsumer[] = [];
  const groups = [
    { groupId: config.KAFKA_GROUP_ID, handlers: definition.handlers?.(context) ?? [] },
    ...(definition.consumers ?? []).map((c) => ({ groupId: `${config.KAFKA_GROUP_ID}-${c.name}`, handlers: c.handlers(context) })),
  ];
  for (const { groupId, handlers } of groups) {
    if (handlers.length === 0) continue;
    const consumer = createEventConsumer({
      kafka,
      groupId,
      topicPrefix: config.HOMEWARD_TOPIC_PREFIX,
      handlers,
      processed: new ProcessedEventStore(connection),
      deadLetter: { producer, topic: dlq },
      logger,
      personalData: privacy,
    });
    await consumer.start();
    consumers.push(consumer);
  }
  const workers = definition.workers?.(context) ?? [];
  for (const worker of workers) worker.start();

  // Consumer lag and dead letters, observed only when a metric reader is configured (OTEL_METRICS_EXPORTER).
  const messagingMetrics: MessagingMetrics = registerMessagingMetrics(metrics.getMeter('homeward-messaging'), {
    kafka,
    groupId: config.KAFKA_GROUP_ID,
    topics: [...new Set(groups.flatMap((g) => g.handlers).map((h) => physicalTopic(config.HOMEWARD_TOPIC_PREFIX, h.definition.topic)))],
    deadLetterTopic: dlq,
    service: name,
  });

  const admin = kafka.admin();
  await admin.connect();
  // The service's routes, known once they are mounted: a 401 is recorded under its route template.
  let api: ApiRouter | undefined;
  const app = createHttpApp({
    serviceName: name,
    instance: process.env['HOMEWARD_INSTANCE_ID'] ?? randomUUID(),
    logger,
    requestLogger: createHttpLogger(logger),
    readiness: [
      { name: 'mongodb', check: () => pingMongo(connection) },
      { name: 'kafka', check: async () => void (await admin.describeCluster()) },
    ],
    ...(definition.largeJsonBodies ? { largeJsonBodies: definition.largeJsonBodies } : {}),
    beforeAuthentication: [unauthenticatedAuditMiddleware(audit, logger, requestIdOf, () => api?.routes() ?? [])],
    authenticate: authenticationMiddleware(createTokenVerifier(config.auth)),
    afterAuthentication: [perCallerRateLimit(config.RATE_LIMIT_PER_MINUTE), auditMiddleware(audit, logger, requestIdOf)],
    ...(definition.publicRoutes ? { configurePublic: (app: Express) => definition.publicRoutes!(app, context) } : {}),
    configure: (app) => {
      definition.routes?.(app, context);
      api = createApiRouter(app, { title: `Homeward ${name}`, version: '1.0.0' });
      auditRoutes(api, audit, config.agencies);
    },
  });
  const http = await startHttpServer(app, { port: config.PORT, host: config.HOST, logger });
  logger.info({ port: http.port }, `${name} is listening`);
  const background = definition.background?.(context, config);

  return {
    port: http.port,
    context,
    async drain() {
      await Promise.all([http.close(), ...consumers.map((c) => c.stop()), ...workers.map((w) => w.stop()), background?.stop()]);
    },
    async close() {
      await relay.stop();
      await audit.flush();
      await messagingMetrics.close();
      await Promise.allSettled([producer.disconnect(), admin.disconnect(), definition.close?.()]);
      await connection.close();
    },
  };
}
