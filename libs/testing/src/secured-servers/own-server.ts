import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface OwnServer {
  readonly child: ChildProcess;
  readonly logFile: string;
  /** The end of the server's log, for failure messages. */
  logTail(lines?: number): string;
  /** SIGTERM, SIGKILL after the timeout; resolves once the process is gone. */
  stop(timeoutMs?: number): Promise<void>;
}

const tail = (file: string, lines: number) => {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
};

/**
 * A server process a test starts for itself (not the shared servers of
 * servers.sh), logging to a file, waited for until its log shows `ready`.
 * Killed with the test process too, so a failed run leaves nothing behind.
 */
export interface OwnServerOptions {
  readonly logFile: string;
  /** A line of the log that says the server takes connections. */
  readonly ready: RegExp;
  readonly timeoutMs?: number;
  /** Added to the test's environment (secrets stay off the command line). */
  readonly env?: NodeJS.ProcessEnv;
}

export async function startOwnServer(command: string, args: readonly string[], options: OwnServerOptions): Promise<OwnServer> {
  const { logFile, ready, timeoutMs = 90_000 } = options;
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', fd, fd], env: { ...process.env, ...options.env } });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const server: OwnServer = {
    child,
    logFile,
    logTail: (lines = 40) => tail(logFile, lines),
    async stop(stopTimeoutMs = 20_000) {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (!ready.test(tail(logFile, 400))) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${command} exited before it was ready:\n${server.logTail()}`);
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`${command} not ready after ${timeoutMs} ms:\n${server.logTail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return server;
}
