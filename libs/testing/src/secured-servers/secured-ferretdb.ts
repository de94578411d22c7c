import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../free-port';
import { startOwnServer } from './own-server';
import { locateServers } from './server-install';
import type { TestCertificates } from './test-ca';

export interface SecuredFerretDb {
  /** TLS only: there is no plaintext listener. */
  readonly url: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

export interface SecuredFerretDbOptions {
  readonly dir: string;
  readonly certificates: TestCertificates;
  /** The first user, created in `admin` at start; it creates the services' users (createUser). */
  readonly admin: { readonly username: string; readonly password: string };
}

/**
 * FerretDB 1.24 from the same binary as the shared server, on SQLite, with
 * a TLS listener only and SCRAM authentication. SCRAM needs FerretDB's
 * experimental new authentication (`--test-enable-new-auth`): without it
 * FerretDB 1.x offers only PLAIN and, on SQLite, checks no password at all.
 */
export async function startSecuredFerretDb(options: SecuredFerretDbOptions): Promise<SecuredFerretDb> {
  const install = locateServers();
  const port = await freePort();
  const data = join(options.dir, 'ferretdb');
  mkdirSync(join(data, 'sqlite'), { recursive: true });
  mkdirSync(join(data, 'state'), { recursive: true });
  const logFile = join(options.dir, 'ferretdb.log');
  const server = await startOwnServer(
    install.ferretdbBin,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${join(data, 'sqlite')}/`,
      `--state-dir=${join(data, 'state')}`,
      '--listen-addr=',
      `--listen-tls=127.0.0.1:${port}`,
      `--listen-tls-cert-file=${options.certificates.certFile}`,
      `--listen-tls-key-file=${options.certificates.keyFile}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--repl-set-name=rs0',
      '--test-enable-new-auth',
      '--setup-database=admin',
      `--setup-username=${options.admin.username}`,
    ],
    { logFile, ready: /Listening on TLS/, timeoutMs: 30_000, env: { FERRETDB_SETUP_PASSWORD: options.admin.password } },
  );
  return { url: `mongodb://127.0.0.1:${port}/?directConnection=true`, logFile, stop: () => server.stop() };
}
