import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../free-port';
import { repoRoot } from '../service-process';
import { startOwnServer } from './own-server';
import { locateServers } from './server-install';
import type { TestCertificates } from './test-ca';

export type ScramMechanism = 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

export interface SecuredKafka {
  /** The SASL_SSL listener: the only one clients can reach. */
  readonly brokers: readonly string[];
  readonly logFile: string;
  stop(): Promise<void>;
}

export interface SecuredKafkaOptions {
  readonly dir: string;
  readonly certificates: TestCertificates;
  readonly mechanism: ScramMechanism;
  /** SCRAM users (one per service) created when the storage is formatted. */
  readonly users: Readonly<Record<string, string>>;
}

// --add-scram takes name=…,password=… unquoted: keep the test users plain.
const plain = (s: string) => {
  if (!/^[A-Za-z0-9_-]+$/.test(s)) throw new Error(`startSecuredKafka: use letters, digits, _ and - in SCRAM users and passwords, not ${JSON.stringify(s)}`);
  return s;
};

/**
 * A single-node KRaft broker from the same jars as the shared one, whose
 * client listener is SASL_SSL only: TLS with the test CA's certificate and
 * SCRAM users written into the metadata at format time (`--add-scram`), so
 * they exist before the broker takes its first connection. The broker talks
 * to itself over the same listener as the user `broker`.
 */
export async function startSecuredKafka(options: SecuredKafkaOptions): Promise<SecuredKafka> {
  const install = locateServers();
  const [port, controllerPort] = [await freePort(), await freePort()];
  const dataDir = join(options.dir, 'kafka-data');
  mkdirSync(dataDir, { recursive: true });
  const brokerPassword = randomBytes(12).toString('hex');
  const mech = options.mechanism.toLowerCase();
  const config = join(options.dir, 'server.properties');
  writeFileSync(
    config,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=SASL_SSL://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=SASL_SSL://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=SASL_SSL',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL',
      `sasl.enabled.mechanisms=${options.mechanism}`,
      `sasl.mechanism.inter.broker.protocol=${options.mechanism}`,
      `listener.name.sasl_ssl.${mech}.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="broker" password="${brokerPassword}";`,
      'ssl.keystore.type=PEM',
      `ssl.keystore.location=${options.certificates.keystoreFile}`,
      'ssl.truststore.type=PEM',
      `ssl.truststore.location=${options.certificates.caFile}`,
      `log.dirs=${dataDir}`,
      'num.partitions=1',
      'offsets.topic.replication.factor=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      '',
    ].join('\n'),
  );
  const scram = Object.entries({ ...options.users, broker: brokerPassword }).flatMap(([name, password]) => [
    '--add-scram',
    `${options.mechanism}=[name=${plain(name)},password=${plain(password)}]`,
  ]);
  const clusterId = randomBytes(16).toString('base64url');
  const tools = ['-Xmx256m', `-Dlog4j2.configurationFile=${join(repoRoot, 'infra/kafka/log4j2-tools.properties')}`, '-cp', install.kafkaClasspath];
  execFileSync(install.java, [...tools, 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '--config', config, ...scram], { stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = join(options.dir, 'kafka.log');
  const server = await startOwnServer(
    install.java,
    [
      '-Xms128m',
      '-Xmx512m',
      // A short-lived test broker: start quickly rather than run fast.
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      `-Dlog4j2.configurationFile=${join(repoRoot, 'infra/kafka/log4j2-server.properties')}`,
      '-cp',
      install.kafkaClasspath,
      'kafka.Kafka',
      config,
    ],
    { logFile, ready: /Kafka Server started/ },
  );
  return { brokers: [`127.0.0.1:${port}`], logFile, stop: () => server.stop() };
}
