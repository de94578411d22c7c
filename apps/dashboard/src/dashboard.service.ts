import type { Logger } from 'pino';
import type { ServiceDefinition } from '@homeward/runtime';
import { createKafka } from '@homeward/messaging';
import { deadLetterServices, type DashboardConfig } from './config';
import { dashboardHandlers } from './consumers/dashboard.handlers';
import { createServiceHealth, type ServiceHealth } from './health/service-health';
import { dashboardPageRoutes, dashboardRoutes } from './http/dashboard.routes';
import { createSnapshotReader } from './http/dashboard-snapshot';
import { createLiveStream, type LiveStream } from './http/live-stream';
import { DashboardQueries, throughputHorizon } from './store/dashboard.queries';
import { comparableShard, CounterShards } from './store/counter-shards';
import { READ_MODEL_COLLECTIONS, registerReadModel, type ReadModel } from './store/read-model.models';

const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * The dashboard publishes nothing: it reads every topic into its read model
 * and serves the page, the panels' JSON and the live stream.
 */
export function createDashboardService(config: DashboardConfig): ServiceDefinition {
  let live: LiveStream | undefined;
  let health: ServiceHealth | undefined;
  let pruner: NodeJS.Timeout | undefined;
  const stopStreams = () => live?.close();
  // One set of shards for the consumer and the pruner: their writes take turns.
  let shards: CounterShards | undefined;
  const shardsOf = (model: ReadModel) => (shards ??= new CounterShards(model.shards));

  return {
    name: 'dashboard',
    models: (connection) => {
      registerReadModel(connection);
      return [];
    },
    handlers: (context) => {
      const model = registerReadModel(context.connection);
      return dashboardHandlers(model, shardsOf(model), () => live?.changed(), context.privacy);
    },
    // Everything the dashboard stores is a read model of the topics: all of it is rebuilt. One set of
    // handlers writes the five collections together (a case's event moves its counters, its movement's
    // passengers and its holds), so they are listed once, with the first collection.
    projections: (context) => {
      const model = registerReadModel(context.connection);
      // With the privacy layer, as live: a rebuilt hold keeps its reason sealed.
      const handlers = dashboardHandlers(model, new CounterShards(model.shards), () => undefined, context.privacy);
      const comparable = comparableShard(throughputHorizon(new Date()));
      return READ_MODEL_COLLECTIONS.map((collection, i) => ({
        collection,
        handlers: i === 0 ? handlers : [],
        ...(collection === 'counter_shards' ? { comparable } : {}),
        // A hold's reason is sealed under its case's key, not the hold's: compared as "still sealed", its text by the events that wrote it.
        ...(collection === 'hold_views' ? { comparable: stillSealedReason } : {}),
      }));
    },
    publicRoutes: (app) => dashboardPageRoutes(app),
    routes: (app, context) => {
      const model = registerReadModel(context.connection);
      const queries = new DashboardQueries(model, shardsOf(model), context.privacy);
      health = createServiceHealth({
        kafka: createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'homeward-dashboard-health', logger: context.logger, ...config.kafkaSecurity }),
        topicPrefix: config.HOMEWARD_TOPIC_PREFIX,
        groups: config.DASHBOARD_CONSUMER_GROUPS,
        deadLetterServices,
        cacheMs: config.DASHBOARD_HEALTH_CACHE_MS,
      });
      const read = createSnapshotReader(queries, health);
      live = createLiveStream({ read, refreshMs: config.DASHBOARD_REFRESH_MS, logger: context.logger as Logger });
      // Open event streams would hold the HTTP drain for its whole timeout:
      // end them as the shutdown begins (runService drains on these signals).
      process.once('SIGTERM', stopStreams);
      process.once('SIGINT', stopStreams);
      pruner = setInterval(() => void queries.prune().catch((err: unknown) => context.logger.warn({ err }, 'pruning throughput minutes failed')), PRUNE_EVERY_MS);
      pruner.unref();
      dashboardRoutes(app, { queries, health, read, live, agencies: context.agencies });
    },
    close: async () => {
      if (pruner) clearInterval(pruner);
      stopStreams();
      await health?.close();
    },
  };
}

/** A hold view with its sealed reason reduced to the fact that it is sealed (a reason written in clear stays text and differs). */
function stillSealedReason(document: Record<string, unknown>): Record<string, unknown> {
  const { reason } = document;
  return { ...document, reason: reason !== null && typeof reason === 'object' ? 'sealed' : reason };
}
