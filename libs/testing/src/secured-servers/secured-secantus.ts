import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { freePort } from '../free-port';
import { startOwnServer } from './own-server';
import { locateServers } from './server-install';
import type { TestCertificates } from './test-ca';

export interface SecuredMongo {
  /** TLS only: there is no plaintext listener. */
  readonly url: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

export interface SecuredMongoOptions {
  readonly dir: string;
  readonly certificates: TestCertificates;
  /** The first user, created in `admin` at start; it creates the services' users (createUser). */
  readonly admin: { readonly username: string; readonly password: string };
}

/**
 * SecantusDB from the same binary as the shared server, with a TLS listener
 * only and SCRAM-SHA-256 required. The first user is made as on mongod: the
 * localhost exception lets a connection from loopback create it while no
 * user exists, and closes once one does.
 */
export async function startSecuredMongo(options: SecuredMongoOptions): Promise<SecuredMongo> {
  const install = locateServers();
  const port = await freePort();
  const data = join(options.dir, 'secantus');
  mkdirSync(data, { recursive: true });
  const logFile = join(options.dir, 'secantus.log');
  const server = await startOwnServer(
    install.secantusBin,
    [
      '--host=127.0.0.1',
      `--port=${port}`,
      `--storage-path=${data}`,
      '--cache-size=256M',
      '--sync-on-commit',
      '--auth',
      `--tls-cert-file=${options.certificates.certFile}`,
      `--tls-key-file=${options.certificates.keyFile}`,
    ],
    { logFile, ready: /listening|waiting for connections/i, timeoutMs: 60_000 },
  );
  const url = `mongodb://127.0.0.1:${port}/?directConnection=true`;
  const first = new MongoClient(url, { tls: true, tlsCAFile: options.certificates.caFile, serverSelectionTimeoutMS: 10_000 });
  try {
    await first.db('admin').command({ createUser: options.admin.username, pwd: options.admin.password, roles: ['root'] });
  } catch (error) {
    await server.stop();
    throw new Error(`could not create the first user on SecantusDB: ${(error as Error).message}\n${server.logTail()}`);
  } finally {
    await first.close();
  }
  return { url, logFile, stop: () => server.stop() };
}
