import { join } from 'node:path';
import { chaosAuthEnv } from './chaos-auth';
import { freeFixedPort, launchService, serviceNames, waitUntilReady, type ServiceName, type ServiceProcess } from '@homeward/testing';
import type { ChaosServers } from './chaos-servers';

export interface ChaosServices {
  readonly urls: Record<ServiceName, string>;
  readonly databases: Record<ServiceName, string>;
  readonly groups: Record<ServiceName, string>;
  readonly topicPrefix: string;
  startAll(): Promise<void>;
  /** SIGKILL, then the same service again on the same port; resolves once it is ready. */
  crashAndRestart(name: ServiceName, downMs: number): Promise<void>;
  stopAll(): Promise<void>;
}

/** The four services as processes against the chaos run's own servers; each keeps its port across restarts. */
export async function chaosServices(servers: ChaosServers, workDir: string, runId: string): Promise<ChaosServices> {
  const ports = {} as Record<ServiceName, number>;
  for (const name of serviceNames) ports[name] = await freeFixedPort();
  const topicPrefix = `chaos-${runId}`;
  const databases = Object.fromEntries(serviceNames.map((n) => [n, `chaos_${runId}_${n}`])) as Record<ServiceName, string>;
  const groups = Object.fromEntries(serviceNames.map((n) => [n, `chaos-${runId}-${n}`])) as Record<ServiceName, string>;
  const running = {} as Record<ServiceName, ServiceProcess>;

  const launch = async (name: ServiceName) => {
    const service = launchService(name, {
      port: ports[name],
      logFile: join(workDir, 'logs', `${name}.log`),
      env: {
        ...servers.env,
        ...chaosAuthEnv(),
        NODE_ENV: 'test',
        HOMEWARD_TOPIC_PREFIX: topicPrefix,
        KAFKA_BROKERS: servers.kafkaBrokers.join(','),
        MONGO_URL: servers.mongoUrl,
        MONGO_DB: databases[name],
        KAFKA_GROUP_ID: groups[name],
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(servers.smtpPort),
        // SMTP cannot say whether a message a killed instance was sending got
        // out; notification's takeover asks the mail server's API first (the
        // designed way to stay exactly once, see email-delivery.ts).
        SENT_MAIL_LOOKUP_URL: servers.mailpitUrl,
        LOG_LEVEL: 'warn',
        OTEL_EXPORTER_OTLP_ENDPOINT: '',
      },
    });
    running[name] = service;
    await waitUntilReady(service.url, 300_000, () => service.child.exitCode === null && service.child.signalCode === null, service.instance);
  };

  // A service started while Kafka or the database is down, or while a fresh broker
  // still creates the topics another service asked for, exits: try again until it holds.
  const launchUntilReady = async (name: ServiceName) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await launch(name);
      } catch (error) {
        await running[name]?.stop('SIGKILL');
        if (attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  };

  return {
    urls: Object.fromEntries(serviceNames.map((n) => [n, `http://127.0.0.1:${ports[n]}`])) as Record<ServiceName, string>,
    databases,
    groups,
    topicPrefix,
    startAll: async () => {
      await Promise.all(serviceNames.map(launchUntilReady));
    },
    crashAndRestart: async (name, downMs) => {
      await running[name].stop('SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await launchUntilReady(name);
    },
    stopAll: async () => {
      await Promise.all(serviceNames.map((n) => running[n]?.stop('SIGTERM')));
    },
  };
}
