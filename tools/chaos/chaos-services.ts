import { join } from 'node:path';
import { chaosAuthEnv } from './chaos-auth';
import { freeFixedPort, launchService, serviceNames, waitUntilReady, type AppName, type ServiceProcess } from '@homeward/testing';
import type { ChaosServers } from './chaos-servers';

export interface ChaosServices {
  readonly urls: Record<AppName, string>;
  readonly databases: Record<AppName, string>;
  readonly groups: Record<AppName, string>;
  readonly topicPrefix: string;
  startAll(): Promise<void>;
  /** SIGKILL, then the same service again on the same port; resolves once it is ready. */
  crashAndRestart(name: AppName, downMs: number): Promise<void>;
  /** The process id of a running app (for the benchmark's memory samples). */
  pid(name: AppName): number | undefined;
  /** SIGTERM one app: it drains and exits. */
  stop(name: AppName): Promise<void>;
  stopAll(): Promise<void>;
}

export interface ChaosServicesOptions {
  /** Which apps to run: the four services by default; the benchmark adds the dashboard. */
  readonly apps?: readonly AppName[];
  /** Fixed ports (the benchmark's); free ones are drawn for the others. */
  readonly ports?: Partial<Record<AppName, number>>;
  /** Run-id-derived names for topics, databases and groups start with this (default `chaos`). */
  readonly namePrefix?: string;
  /** More variables for an app (the benchmark's NODE_OPTIONS=--cpu-prof). */
  readonly env?: (app: AppName) => Record<string, string>;
}

/** The services as processes against the chaos run's own servers; each keeps its port across restarts. */
export async function chaosServices(servers: ChaosServers, workDir: string, runId: string, options: ChaosServicesOptions = {}): Promise<ChaosServices> {
  const apps = options.apps ?? serviceNames;
  const name = options.namePrefix ?? 'chaos';
  const ports = {} as Record<AppName, number>;
  for (const app of apps) ports[app] = options.ports?.[app] ?? (await freeFixedPort());
  const topicPrefix = `${name}-${runId}`;
  const databases = Object.fromEntries(apps.map((n) => [n, `${name}_${runId}_${n}`])) as Record<AppName, string>;
  const groups = Object.fromEntries(apps.map((n) => [n, `${name}-${runId}-${n}`])) as Record<AppName, string>;
  const running = {} as Record<AppName, ServiceProcess>;

  const launch = async (app: AppName) => {
    const service = launchService(app, {
      port: ports[app],
      logFile: join(workDir, 'logs', `${app}.log`),
      env: {
        ...servers.env,
        ...chaosAuthEnv(),
        NODE_ENV: 'test',
        HOMEWARD_TOPIC_PREFIX: topicPrefix,
        KAFKA_BROKERS: servers.kafkaBrokers.join(','),
        MONGO_URL: servers.mongoUrl,
        MONGO_DB: databases[app],
        KAFKA_GROUP_ID: groups[app],
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(servers.smtpPort),
        // SMTP cannot say whether a message a killed instance was sending got
        // out; notification's takeover asks the mail server's API first (the
        // designed way to stay exactly once, see email-delivery.ts).
        SENT_MAIL_LOOKUP_URL: servers.mailpitUrl,
        // The dashboard's health panel shows the lag of the run's own groups.
        DASHBOARD_CONSUMER_GROUPS: apps.map((n) => groups[n]).join(','),
        LOG_LEVEL: 'warn',
        OTEL_EXPORTER_OTLP_ENDPOINT: '',
        ...options.env?.(app),
      },
    });
    running[app] = service;
    await waitUntilReady(service.url, 300_000, () => service.child.exitCode === null && service.child.signalCode === null, service.instance);
  };

  // A service started while Kafka or the database is down, or while a fresh broker
  // still creates the topics another service asked for, exits: try again until it holds.
  const launchUntilReady = async (app: AppName) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await launch(app);
      } catch (error) {
        await running[app]?.stop('SIGKILL');
        if (attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  };

  return {
    urls: Object.fromEntries(apps.map((n) => [n, `http://127.0.0.1:${ports[n]}`])) as Record<AppName, string>,
    databases,
    groups,
    topicPrefix,
    startAll: async () => {
      await Promise.all(apps.map(launchUntilReady));
    },
    crashAndRestart: async (app, downMs) => {
      await running[app].stop('SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await launchUntilReady(app);
    },
    pid: (app) => running[app]?.child.pid,
    stop: async (app) => {
      await running[app]?.stop('SIGTERM');
    },
    stopAll: async () => {
      await Promise.all(apps.map((n) => running[n]?.stop('SIGTERM')));
    },
  };
}
