import { join } from 'node:path';
import { ConfigResourceTypes, type Kafka } from 'kafkajs';
import { Topic } from '@homeward/contracts';
import { createKafka, physicalTopic } from '@homeward/messaging';
import { appNames, type AppName } from '@homeward/testing';
import { chaosServers, type ChaosServers } from '../chaos/chaos-servers';
import { chaosServices, type ChaosServices } from '../chaos/chaos-services';
import { PROGRAMME } from '../scenario/seed-groups';
import { benchHttp, type BenchRequest } from './bench-http';
import type { BenchPorts } from './bench-options';

export interface BenchStack {
  readonly servers: ChaosServers;
  readonly services: ChaosServices;
  readonly kafka: Kafka;
  readonly urls: Record<AppName, string> & { readonly mailpit: string };
  /** The run's four event topics, physical names. */
  readonly topics: readonly string[];
  readonly programmeId: string;
  readonly request: BenchRequest;
  close(): Promise<void>;
}

export const quietLogger = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

/**
 * Servers and all five apps of the run's own, on the benchmark's ports, with
 * the launching code of the chaos run (infra/scripts/servers.sh for the
 * servers, @homeward/testing's launchService for the apps). The topics are
 * switched to broker time (LogAppendTime) once the services made them: a
 * record's timestamp is then when Kafka appended it, which the relay's share
 * of the latency is measured against.
 */
export async function startBenchStack(ports: BenchPorts, workDir: string, runId: string, log: (line: string) => void, cpuProfileDir?: string): Promise<BenchStack> {
  const servers = await chaosServers(join(workDir, 'run'), log, {
    KAFKA_PORT: ports.kafka,
    KAFKA_CONTROLLER_PORT: ports.kafkaController,
    MONGO_PORT: ports.mongo,
    SMTP_PORT: ports.smtp,
    MAILPIT_HTTP_PORT: ports.mailpit,
  });
  // A server that could not start (a port taken) must not leave the others running.
  await servers.up().catch(async (error: unknown) => {
    await servers.down().catch(() => undefined);
    throw error;
  });
  const services = await chaosServices(servers, workDir, runId, {
    apps: appNames,
    namePrefix: 'bench',
    ports: Object.fromEntries(appNames.map((name, i) => [name, ports.services + i])),
    // Each app writes its V8 CPU profile as it exits.
    ...(cpuProfileDir ? { env: (app: AppName) => ({ NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${join(cpuProfileDir, app)}` }) } : {}),
  });
  try {
    await services.startAll();
    const kafka = createKafka({ brokers: servers.kafkaBrokers, clientId: `bench-${runId}`, logger: quietLogger });
    const topics = Object.values(Topic).map((t) => physicalTopic(services.topicPrefix, t));
    await useBrokerTime(kafka, topics);
    const request = benchHttp();
    const created = await request('POST', `${services.urls.intake}/programmes`, PROGRAMME);
    if (created.status !== 201) throw new Error(`POST /programmes answered ${created.status}: ${JSON.stringify(created.body)}`);
    return {
      servers,
      services,
      kafka,
      urls: { ...services.urls, mailpit: servers.mailpitUrl },
      topics,
      programmeId: PROGRAMME.programmeId,
      request,
      close: once(async () => {
        await services.stopAll().catch(() => undefined);
        await servers.down().catch((error: unknown) => log(`servers down failed: ${String(error)}`));
      }),
    };
  } catch (error) {
    await services.stopAll().catch(() => undefined);
    await servers.down().catch(() => undefined);
    throw error;
  }
}

export async function useBrokerTime(kafka: Kafka, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.alterConfigs({
      validateOnly: false,
      resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }] })),
    });
  } finally {
    await admin.disconnect();
  }
}

/** The first call runs `task`; later calls get the same promise. */
function once(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= task());
}
