import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freeFixedPort, repoRoot } from '@homeward/testing';

export type ServerName = 'kafka' | 'mongo' | 'mailpit';

export interface ChaosServers {
  readonly env: Record<string, string>;
  readonly kafkaBrokers: string[];
  readonly mongoUrl: string;
  readonly smtpPort: number;
  readonly mailpitUrl: string;
  up(): Promise<void>;
  /** SIGKILL: a crash, data kept. */
  kill(server: ServerName): Promise<void>;
  /** Starts a killed server again and waits until it is healthy. */
  start(server: ServerName): Promise<void>;
  down(): Promise<void>;
}

/**
 * Kafka, SecantusDB and Mailpit of the chaos run's own, on ports nobody else
 * uses and with their own run directory, started by infra/scripts/servers.sh:
 * killing them never touches the servers other people's tests share.
 */
export async function chaosServers(runDir: string, log: (line: string) => void): Promise<ChaosServers> {
  const ports = {
    KAFKA_PORT: await freeFixedPort(),
    KAFKA_CONTROLLER_PORT: await freeFixedPort(),
    MONGO_PORT: await freeFixedPort(),
    SMTP_PORT: await freeFixedPort(),
    MAILPIT_HTTP_PORT: await freeFixedPort(),
  };
  const env: Record<string, string> = {
    HOMEWARD_RUN_DIR: runDir,
    MAILPIT_MAX_MESSAGES: '200000',
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
  };
  const script = async (...args: string[]) => {
    const child = spawn('bash', [join(repoRoot, 'infra/scripts/servers.sh'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    for (const line of output.trim().split('\n').filter(Boolean)) log(`servers: ${line}`);
    if (code !== 0) throw new Error(`servers.sh ${args.join(' ')} exited ${code}`);
  };
  return {
    env,
    kafkaBrokers: [`127.0.0.1:${ports.KAFKA_PORT}`],
    mongoUrl: `mongodb://127.0.0.1:${ports.MONGO_PORT}`,
    smtpPort: ports.SMTP_PORT,
    mailpitUrl: `http://127.0.0.1:${ports.MAILPIT_HTTP_PORT}`,
    up: () => script('up'),
    kill: (server) => script('kill', server),
    start: (server) => script('start', server),
    down: () => script('down'),
  };
}
