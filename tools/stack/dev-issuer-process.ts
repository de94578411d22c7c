import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '@homeward/testing';
import { devIssuer } from '../dev-issuer/dev-issuer-files';
import { logFile } from './service-pids';

/** Starts the development issuer (tools/dev-issuer.ts) in its own process group, logging to .run/logs/dev-issuer.log. */
export function launchDevIssuer(): ChildProcess {
  const log = logFile('dev-issuer');
  mkdirSync(dirname(log), { recursive: true });
  const fd = openSync(log, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'tools/dev-issuer.ts')], {
    cwd: repoRoot,
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  return child;
}

/** Resolves once the issuer answers its discovery document. */
export async function waitForDevIssuer(timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${devIssuer}/.well-known/openid-configuration`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the development issuer did not answer at ${devIssuer} within ${timeoutMs} ms (log: ${logFile('dev-issuer')})`);
}
