import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, type AppName } from '@homeward/testing';

/** What runs in the background: the services, the dashboard, the development issuer and the console. */
export type StackProcess = AppName | 'dev-issuer' | 'console';

export const runDir = process.env['HOMEWARD_RUN_DIR'] ?? join(repoRoot, '.run');
const pidFile = (name: StackProcess) => join(runDir, 'pids', `${name}.pid`);
export const logFile = (name: StackProcess) => join(runDir, 'logs', `${name}.log`);

export function readPid(name: StackProcess): number | undefined {
  if (!existsSync(pidFile(name))) return undefined;
  const pid = Number(readFileSync(pidFile(name), 'utf8').trim());
  return Number.isInteger(pid) && isAlive(pid) ? pid : undefined;
}

export function writePid(name: StackProcess, pid: number): void {
  mkdirSync(join(runDir, 'pids'), { recursive: true });
  writeFileSync(pidFile(name), `${pid}\n`);
}

export function clearPid(name: StackProcess): void {
  rmSync(pidFile(name), { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM (the graceful two-phase stop), then SIGKILL if it has not exited in time. */
export async function terminate(pid: number, timeoutMs = 20_000): Promise<'stopped' | 'killed'> {
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'stopped';
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.kill(pid, 'SIGKILL');
  return 'killed';
}
