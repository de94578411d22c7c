import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectEventually, freePort } from '@homeward/testing';

/**
 * A second, private Mailpit (the binary the project's server scripts built)
 * that refuses every recipient but one with a permanent 5xx reply: a real
 * SMTP rejection, without touching the shared server.
 */
export async function startRejectingMailpit(allowedRecipient: string): Promise<{ smtpPort: number; stop(): Promise<void> }> {
  const binary = join(process.env['HOMEWARD_CACHE'] ?? join(homedir(), '.cache/homeward'), 'bin/mailpit');
  const [smtpPort, httpPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'mailpit-rejecting-'));
  const child: ChildProcess = spawn(
    binary,
    [
      '--smtp', `127.0.0.1:${smtpPort}`,
      '--listen', `127.0.0.1:${httpPort}`,
      '--database', join(dir, 'mailpit.db'),
      '--smtp-allowed-recipients', `^${allowedRecipient.replace(/[.+]/g, '\\$&')}$`,
    ],
    { stdio: 'ignore' },
  );
  await expectEventually(async () => expect((await fetch(`http://127.0.0.1:${httpPort}/readyz`)).ok).toBe(true), { timeoutMs: 30_000 });
  return {
    smtpPort,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
