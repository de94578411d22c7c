import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const repoRoot = join(__dirname, '../../..');

/** The services and their default ports (issue 2: intake 3001 … notification 3004). */
export const serviceNames = ['intake', 'legal', 'logistics', 'notification'] as const;
export type ServiceName = (typeof serviceNames)[number];
export const defaultPorts: Record<ServiceName, number> = { intake: 3001, legal: 3002, logistics: 3003, notification: 3004 };

/** Everything started as a process: the services and the dashboard (issue 4), which only reads their events. */
export const appNames = [...serviceNames, 'dashboard'] as const;
export type AppName = (typeof appNames)[number];
export const appPorts: Record<AppName, number> = { ...defaultPorts, dashboard: 3000 };

export interface ServiceProcess {
  readonly name: AppName;
  readonly url: string;
  readonly child: ChildProcess;
  /** The instance id the process shows on its health probes: proof that its port answers for it and not for another process. */
  readonly instance: string;
  /** Sends the signal and resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

export interface LaunchOptions {
  readonly port: number;
  readonly env: NodeJS.ProcessEnv;
  /** Where stdout and stderr go; inherited when absent. */
  readonly logFile?: string;
  readonly detached?: boolean;
}

/**
 * Where the compiled services are run from instead of the sources: a
 * directory laid out by tools/build/runtime-install.sh (dist/ with production
 * dependencies only), as the container image holds it.
 */
const distRuntime = process.env['HOMEWARD_RUNTIME_DIR'];

/**
 * Runs a service as its own Node 24 process, as in production: one process
 * (no wrapper that would forward signals twice), TypeScript loaded by tsx,
 * or with HOMEWARD_RUNTIME_DIR the compiled bundle with plain node.
 */
export function launchService(name: AppName, options: LaunchOptions): ServiceProcess {
  let logFd: number | undefined;
  if (options.logFile) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    logFd = openSync(options.logFile, 'a');
  }
  // kafkajs 2.2.4 computes a negative timer on Node 24 (harmless, kafkajs#1751); keep stderr for real warnings.
  const args = distRuntime
    ? ['--disable-warning=TimeoutNegativeWarning', join(distRuntime, 'dist', 'apps', name, 'main.js')]
    : ['--disable-warning=TimeoutNegativeWarning', '--import', 'tsx', join('apps', name, 'src', 'main.ts')];
  if (distRuntime && !existsSync(args[1]!)) throw new Error(`HOMEWARD_RUNTIME_DIR: no ${args[1]}; run npm run build and tools/build/runtime-install.sh`);
  const instance = randomUUID();
  const child = spawn(process.execPath, args, {
    cwd: distRuntime ?? repoRoot,
    env: { ...process.env, ...options.env, PORT: String(options.port), HOMEWARD_INSTANCE_ID: instance },
    // A file descriptor, not a pipe: a detached service keeps logging after its launcher exits.
    stdio: logFd === undefined ? 'inherit' : ['ignore', logFd, logFd],
    detached: options.detached ?? false,
  });
  if (logFd !== undefined) closeSync(logFd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    url: `http://127.0.0.1:${options.port}`,
    child,
    instance,
    async stop(signal = 'SIGTERM', timeoutMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Polls /health/ready until the service answers 200, or fails with its last answer. */
export async function waitUntilReady(url: string, timeoutMs = 60_000, isAlive: () => boolean = () => true, instance?: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`${url} exited before it was ready`);
    try {
      const res = await fetch(`${url}/health/ready`);
      const body = await res.text();
      // Another process may have taken a freed port (a restart on a shared machine): only our own instance counts.
      const answered = instance === undefined ? undefined : (JSON.parse(body || '{}') as { instance?: string }).instance;
      if (res.ok && (instance === undefined || answered === instance)) return;
      last = res.ok ? `ready, but instance ${answered ?? 'unnamed'} answers on this port, not ${instance}` : `${res.status} ${body}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms: ${last}`);
}
