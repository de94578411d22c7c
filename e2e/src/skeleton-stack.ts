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

export interface TestStack {
  readonly prefix: string;
  readonly dir: string;
  readonly services: Record<ServiceName, ServiceProcess>;
  readonly databases: Record<ServiceName, string>;
  stop(): Promise<Record<ServiceName, number | null>>;
}

/**
 * The four services as real processes, isolated from any other stack on the
 * same servers by a topic prefix, their own databases and consumer groups,
 * each writing its spans to a trace file.
 */
export async function startTestStack(): Promise<TestStack> {
  const prefix = uniqueName('e2e');
  const dir = join(repoRoot, 'tmp/e2e', prefix);
  const databases = {} as Record<ServiceName, string>;
  const services = {} as Record<ServiceName, ServiceProcess>;
  for (const name of serviceNames) {
    databases[name] = `${prefix.replaceAll('-', '_')}_${name}`;
    services[name] = launchService(name, {
      port: await freePort(),
      logFile: join(dir, `${name}.log`),
      env: {
        ...testAuthEnv(),
        NODE_ENV: 'test',
        HOMEWARD_TOPIC_PREFIX: prefix,
        MONGO_URL: testServers.mongoUrl,
        MONGO_DB: databases[name],
        KAFKA_BROKERS: testServers.kafkaBrokers.join(','),
        KAFKA_GROUP_ID: `${prefix}-${name}`,
        SMTP_PORT: String(testServers.smtpPort),
        HOMEWARD_TRACE_FILE: join(dir, `${name}.spans.jsonl`),
        RELAY_POLL_MS: '50',
        LOG_LEVEL: 'info',
      },
    });
  }
  const stop = async () => {
    const codes = await Promise.all(serviceNames.map((name) => services[name].stop('SIGTERM')));
    return Object.fromEntries(serviceNames.map((name, i) => [name, codes[i]!])) as Record<ServiceName, number | null>;
  };
  try {
    await Promise.all(
      serviceNames.map((name) => waitUntilReady(services[name].url, 90_000, () => services[name].child.exitCode === null)),
    );
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; logs in ${dir}`);
  }
  return { prefix, dir, services, databases, stop };
}
