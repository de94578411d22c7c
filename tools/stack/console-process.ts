import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot, waitUntilReady } from '@homeward/testing';
import { consolePort } from '../dev-issuer/dev-issuer-files';
import { logFile } from './service-pids';

export const consoleUrl = () => `http://127.0.0.1:${consolePort()}`;

/** The console's front end, built by Vite through Nx (cached by Nx: instant when nothing changed). */
export function buildConsole(): boolean {
  const result = spawnSync('npx', ['nx', 'run', 'console:build', '--outputStyle=static'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  return result.status === 0;
}

/** Starts the console's server (apps/console/src/main.ts) in its own process group, logging to .run/logs/console.log. */
export function launchConsole(): ChildProcess {
  const log = logFile('console');
  mkdirSync(dirname(log), { recursive: true });
  const fd = openSync(log, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'apps/console/src/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, CONSOLE_PORT: String(consolePort()) },
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  return child;
}

export const waitForConsole = (isAlive?: () => boolean) => waitUntilReady(consoleUrl(), 90_000, isAlive);
