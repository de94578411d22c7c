import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { commonEnv, loadConfig, mongoSecurityOf, transportSecurityEnv } from '@homeward/config';
import { createTestCertificates, startSecuredMongo, uniqueName, type SecuredMongo } from '@homeward/testing';
import { connectMongo } from './mongo-connection';

/**
 * SecantusDB of its own with a TLS listener only and SCRAM users: a service
 * configured by the deployment variables (README "Deployment") reads and
 * writes its database; a wrong password, no credentials, a client that does
 * not trust the CA and a plaintext client are all refused.
 */
describe('MongoDB wire over TLS with SCRAM (SecantusDB)', () => {
  let dir: string;
  let server: SecuredMongo;
  let caFile: string;
  const open: Connection[] = [];
  const admin = { username: 'root', password: 'root-secret' };

  /** A service's connection built the way startService builds it: from its environment. */
  const connectFromEnv = async (env: Record<string, string>) => {
    const config = loadConfig({ ...commonEnv, ...transportSecurityEnv }, { MONGO_URL: server.url, ...env });
    const connection = await connectMongo({ url: config.MONGO_URL, dbName: uniqueName('tls_db').replace(/-/g, '_'), security: mongoSecurityOf(config), serverSelectionTimeoutMs: 3_000 });
    open.push(connection);
    return connection;
  };
  const serviceEnv = (user: string, password: string) => ({ MONGO_TLS: 'true', MONGO_TLS_CA_FILE: caFile, MONGO_USERNAME: user, MONGO_PASSWORD: password });

  // Servers of its own start slowly on a loaded machine: more time than the default hook timeout.
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'homeward-mongo-tls-'));
    const certificates = createTestCertificates(dir);
    caFile = certificates.caFile;
    server = await startSecuredMongo({ dir, certificates, admin });
    // What an operator does once per service: a user of its own, made by the first user.
    const root = await connectFromEnv(serviceEnv(admin.username, admin.password));
    await root.db!.admin().command({ createUser: 'intake', pwd: 'intake-secret', roles: [{ role: 'readWriteAnyDatabase', db: 'admin' }] });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(open.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lets a service with its own user write and read its database", async () => {
    const connection = await connectFromEnv(serviceEnv('intake', 'intake-secret'));
    const cases = connection.collection('cases');
    await cases.insertOne({ _id: 'case-1' as never, stage: 'registered' });
    expect(await cases.findOne({ _id: 'case-1' as never })).toEqual({ _id: 'case-1', stage: 'registered' });
  });

  const refusal = async (env: Record<string, string>) => {
    try {
      const connection = await connectFromEnv(env);
      await connection.collection('cases').insertOne({ stage: 'should not be written' });
      return 'written';
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  };

  it('refuses a wrong password and an unknown user', async () => {
    expect(await refusal(serviceEnv('intake', 'root-secret'))).toMatch(/Authentication failed/);
    expect(await refusal(serviceEnv('legal', 'intake-secret'))).toMatch(/Authentication failed/);
  });

  it('refuses every command of a TLS client without credentials', async () => {
    expect(await refusal({ MONGO_TLS: 'true', MONGO_TLS_CA_FILE: caFile })).toMatch(/requires authentication/);
  });

  it('is not trusted by a client without the CA (the system CAs do not know it)', async () => {
    const { MONGO_TLS_CA_FILE: _ca, ...withoutCa } = serviceEnv('intake', 'intake-secret');
    expect(await refusal(withoutCa)).toMatch(/certificate/);
  });

  it('has no plaintext listener', async () => {
    const { MONGO_TLS: _tls, MONGO_TLS_CA_FILE: _ca, ...plaintext } = serviceEnv('intake', 'intake-secret');
    expect(await refusal(plaintext)).toMatch(/ServerSelectionError: .*closed/);
  });
});
