import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@homeward/testing';

/** Runs infra/scripts/servers.sh (Kafka, SecantusDB, Mailpit) and returns its exit code. */
export function servers(...args: string[]): number {
  const result = spawnSync('bash', [join(repoRoot, 'infra/scripts/servers.sh'), ...args], { stdio: 'inherit' });
  return result.status ?? 1;
}

/** True when every server already runs (status exits 0), without printing. */
export function serversRunning(): boolean {
  const result = spawnSync('bash', [join(repoRoot, 'infra/scripts/servers.sh'), 'status'], { stdio: 'ignore' });
  return result.status === 0;
}

export const mailpitUi = `http://127.0.0.1:${process.env['MAILPIT_HTTP_PORT'] ?? '8025'}`;
