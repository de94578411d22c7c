import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { devIssuerUrl, loadDevUsers, loadOrCreateDevSigningKey, mintDevToken } from '@homeward/auth';
import { freePort, repoRoot, waitUntilReady } from '@homeward/testing';
import { startTestStack, type TestStack } from './skeleton-stack';

export interface ConsoleProcess {
  readonly url: string;
  stop(): Promise<void>;
}

export interface ConsoleStack {
  readonly stack: TestStack;
  readonly issuer: string;
  /** The console as `npm start` runs it. */
  readonly console: ConsoleProcess;
  /** A second console whose sessions last CONSOLE_SESSION_TTL_SECONDS=3: the expired-session test. */
  readonly shortSessionConsole: ConsoleProcess;
  /** A bearer token of the development issuer for a seeded user (as `npm run token`), for test set-up through the APIs. */
  tokenFor(userId: string): Promise<string>;
  stop(): Promise<void>;
}

const usersFile = join(repoRoot, 'tools/dev-issuer/dev-users.json');
const built = join(repoRoot, 'dist/apps/console/index.html');

function run(script: string, env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const fd = openSync(log, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, script)], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  return child;
}

const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/**
 * The services (trusting the development issuer, as `npm start` runs
 * them), the development issuer on oidc-provider, and two consoles, on
 * free ports and this stack's own topics and databases.
 */
export async function startConsoleStack(): Promise<ConsoleStack> {
  if (!existsSync(built)) throw new Error(`the console's front end is not built (${built}): the e2e integration target depends on console:build`);
  const [issuerPort, consolePort, shortPort] = [await freePort(), await freePort(), await freePort()];
  const issuer = devIssuerUrl(issuerPort);
  const stack = await startTestStack({ authEnv: { OIDC_ISSUER: issuer }, dashboard: true, readyTimeoutMs: 240_000 });
  const runDir = join(stack.dir, 'run');
  mkdirSync(runDir, { recursive: true });
  const origins = [consolePort, shortPort].map((p) => `http://127.0.0.1:${p}`);
  const issuerProcess = run('tools/dev-issuer.ts', { DEV_ISSUER_PORT: String(issuerPort), HOMEWARD_RUN_DIR: runDir, CONSOLE_PORT: String(consolePort), DEV_ISSUER_CONSOLE_ORIGINS: origins.join(',') }, join(stack.dir, 'dev-issuer.log'));
  const services = {
    INTAKE_URL: stack.services.intake.url,
    LEGAL_URL: stack.services.legal.url,
    LOGISTICS_URL: stack.services.logistics.url,
    NOTIFICATION_URL: stack.services.notification.url,
    DASHBOARD_URL: stack.dashboard!.process.url,
  };
  const consoles: ChildProcess[] = [];
  const startConsole = async (port: number, extra: Record<string, string>, name: string): Promise<ConsoleProcess> => {
    const child = run('apps/console/src/main.ts', { ...services, ...extra, CONSOLE_PORT: String(port), DEV_ISSUER_PORT: String(issuerPort), NODE_ENV: 'test' }, join(stack.dir, `${name}.log`));
    consoles.push(child);
    const url = `http://127.0.0.1:${port}`;
    // Generous: on a loaded two-core machine tsx compiling the console's server has taken more than 90 s.
    await waitUntilReady(url, 240_000, () => child.exitCode === null);
    return { url, stop: () => stopped(child) };
  };
  const stopAll = async () => {
    await Promise.all([...consoles.map(stopped), stopped(issuerProcess)]);
    await Promise.all([stack.stop(), stack.dashboard?.process.stop()]);
  };
  try {
    const [main, short] = await Promise.all([startConsole(consolePort, {}, 'console'), startConsole(shortPort, { CONSOLE_SESSION_TTL_SECONDS: '3' }, 'console-short')]);
    const deadline = Date.now() + 60_000;
    while (!(await fetch(`${issuer}/.well-known/openid-configuration`).then((r) => r.ok, () => false))) {
      if (Date.now() > deadline || issuerProcess.exitCode !== null) throw new Error(`the development issuer did not start (log ${stack.dir}/dev-issuer.log)`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const users = loadDevUsers(usersFile);
    const key = await loadOrCreateDevSigningKey(runDir);
    const tokenFor = (userId: string) => mintDevToken(key, users.find((u) => u.userId === userId)!, { issuer, audience: 'homeward', ttlSeconds: 3600 });
    return { stack, issuer, console: main, shortSessionConsole: short, tokenFor, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
