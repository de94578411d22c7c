import { join } from 'node:path';
import {
  freePort,
  launchService,
  repoRoot,
  serviceNames,
  testAuthEnv,
  testServers,
  uniqueName,
  waitUntilReady,
  type ServiceName,
  type ServiceProcess,
} from '@homeward/testing';

export interface TestStackOptions {
  /** Also start the dashboard, reading this stack's topics and showing its groups' lag. */
  readonly dashboard?: boolean;
  /** How the services verify tokens; the in-process test issuer's key set when absent (the console's tests name the development issuer). */
  readonly authEnv?: Record<string, string>;
  /** How long each process may take to be ready (default 90 s). */
  readonly readyTimeoutMs?: number;
}

export interface TestStack {
  readonly prefix: string;
  readonly dir: string;
  readonly services: Record<ServiceName, ServiceProcess>;
  readonly databases: Record<ServiceName, string>;
  readonly dashboard?: { readonly process: ServiceProcess; readonly database: string };
  stop(): Promise<Record<ServiceName, number | null>>;
}

/** The agency the stack's feeds entitle to personal data (`full` subscriptions). */
export const E2E_ENTITLED_AGENCY = 'e2e-entitled-agency';

/**
 * The four services (and, when asked, the dashboard) as real processes, isolated from any other stack on the
 * same servers by a topic prefix, their own databases and consumer groups,
 * each writing its spans to a trace file.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const prefix = uniqueName('e2e');
  const dir = join(repoRoot, 'tmp/e2e', prefix);
  const databases = {} as Record<ServiceName, string>;
  const services = {} as Record<ServiceName, ServiceProcess>;
  const database = (name: string) => `${prefix.replaceAll('-', '_')}_${name}`;
  const env = (name: string) => ({
    ...(options.authEnv ?? testAuthEnv()),
    NODE_ENV: 'test',
    HOMEWARD_TOPIC_PREFIX: prefix,
    MONGO_URL: testServers.mongoUrl,
    MONGO_DB: database(name),
    KAFKA_BROKERS: testServers.kafkaBrokers.join(','),
    KAFKA_GROUP_ID: `${prefix}-${name}`,
    SMTP_PORT: String(testServers.smtpPort),
    HOMEWARD_TRACE_FILE: join(dir, `${name}.spans.jsonl`),
    RELAY_POLL_MS: '50',
    LOG_LEVEL: 'info',
    // The one agency the notification service lets subscribe to personal data (level `full`).
    FEEDS_FULL_DATA_AGENCIES: E2E_ENTITLED_AGENCY,
  });
  for (const name of serviceNames) {
    databases[name] = database(name);
    services[name] = launchService(name, { port: await freePort(), logFile: join(dir, `${name}.log`), env: env(name) });
  }
  let dashboard: TestStack['dashboard'];
  const stop = async () => {
    const [codes] = await Promise.all([Promise.all(serviceNames.map((name) => services[name].stop('SIGTERM'))), dashboard?.process.stop('SIGTERM')]);
    return Object.fromEntries(serviceNames.map((name, i) => [name, codes[i]!])) as Record<ServiceName, number | null>;
  };
  try {
    await Promise.all(serviceNames.map((name) => waitUntilReady(services[name].url, options.readyTimeoutMs ?? 90_000, () => services[name].child.exitCode === null)));
    if (options.dashboard) {
      // After the services: every process creates the topics it needs at
      // start, and five creating the same topics at once can trip the broker.
      const process = launchService('dashboard', {
        port: await freePort(),
        logFile: join(dir, 'dashboard.log'),
        env: { ...env('dashboard'), DASHBOARD_CONSUMER_GROUPS: [...serviceNames, 'dashboard'].map((n) => `${prefix}-${n}`).join(',') },
      });
      dashboard = { process, database: database('dashboard') };
      await waitUntilReady(process.url, options.readyTimeoutMs ?? 90_000, () => process.child.exitCode === null);
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; logs in ${dir}`);
  }
  return { prefix, dir, services, databases, ...(dashboard ? { dashboard } : {}), stop };
}
