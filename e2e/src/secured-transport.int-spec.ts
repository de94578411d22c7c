import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { keyVaultDbFor } from '@homeward/privacy';
import {
  actingAs,
  createTestCertificates,
  expectEventually,
  freePort,
  launchService,
  repoRoot,
  startSecuredMongo,
  startSecuredKafka,
  testAuthEnv,
  uniqueName,
  waitUntilReady,
  type SecuredMongo,
  type SecuredKafka,
  type ServiceName,
  type ServiceProcess,
} from '@homeward/testing';

type Actor = { user: string; roles: string[] };
const SUPERVISOR: Actor = { user: 'supervisor-1', roles: ['supervisor'] };
const CASE_WORKER: Actor = { user: 'case-worker-1', roles: ['case-worker'] };
const LEGAL_OFFICER: Actor = { user: 'legal-officer-1', roles: ['legal-officer'] };

/**
 * Two services as real processes, configured only by the deployment
 * variables (README "Deployment"), against a broker whose sole client
 * listener is SASL_SSL and a SecantusDB that speaks only TLS, each service with
 * its own SCRAM users: a case registered at intake travels through intake's
 * database, Kafka and legal's consumer into legal's database. A service with
 * a wrong Kafka password does not start.
 */
describe('services over TLS with SCRAM credentials of their own', () => {
  const prefix = uniqueName('tls-e2e');
  const dir = join(repoRoot, 'tmp/e2e', prefix);
  const secret = (name: string) => `${name}-${prefix.slice(-6)}-secret`;
  const services: ServiceProcess[] = [];
  let kafka: SecuredKafka;
  let mongo: SecuredMongo;
  let caFile: string;

  const env = (name: ServiceName, kafkaPassword = secret(`kafka-${name}`)) => ({
    ...testAuthEnv(),
    NODE_ENV: 'test',
    HOMEWARD_TOPIC_PREFIX: prefix,
    KAFKA_GROUP_ID: `${prefix}-${name}`,
    KAFKA_BROKERS: kafka.brokers.join(','),
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_FILE: caFile,
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: `homeward-${name}`,
    KAFKA_SASL_PASSWORD: kafkaPassword,
    MONGO_URL: mongo.url,
    MONGO_DB: `homeward_${name}`,
    MONGO_TLS: 'true',
    MONGO_TLS_CA_FILE: caFile,
    MONGO_USERNAME: `homeward-${name}`,
    MONGO_PASSWORD: secret(`mongo-${name}`),
    RELAY_POLL_MS: '50',
    LOG_LEVEL: 'info',
  });
  const launch = async (name: ServiceName, logName: string, vars: Record<string, string>) => {
    const service = launchService(name, { port: await freePort(), logFile: join(dir, `${logName}.log`), env: vars });
    services.push(service);
    return service;
  };
  const api = async (url: string, method: string, actor: Actor, body?: unknown) => {
    const res = await fetch(url, { method, headers: { 'content-type': 'application/json', ...actingAs(actor.user, actor.roles) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  // Servers of its own start slowly on a loaded machine: more time than the default hook timeout.
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    const certificates = createTestCertificates(dir);
    caFile = certificates.caFile;
    const root = { username: 'root', password: secret('root') };
    [kafka, mongo] = await Promise.all([
      startSecuredKafka({ dir, certificates, mechanism: 'SCRAM-SHA-512', users: { 'homeward-intake': secret('kafka-intake'), 'homeward-legal': secret('kafka-legal') } }),
      startSecuredMongo({ dir, certificates, admin: root }),
    ]);
    const admin = await MongoClient.connect(mongo.url, { tls: true, tlsCAFile: caFile, auth: root, authSource: 'admin', authMechanism: 'SCRAM-SHA-256' });
    try {
      // As on MongoDB: each service reads and writes its own database and the shared key vault, nothing else.
      for (const name of ['intake', 'legal']) {
        const roles = [{ role: 'readWrite', db: `homeward_${name}` }, { role: 'readWrite', db: keyVaultDbFor(prefix) }];
        await admin.db('admin').command({ createUser: `homeward-${name}`, pwd: secret(`mongo-${name}`), roles });
      }
    } finally {
      await admin.close();
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop('SIGTERM')));
    await Promise.all([kafka?.stop(), mongo?.stop()]);
    rmSync(join(dir, 'kafka-data'), { recursive: true, force: true });
    rmSync(join(dir, 'secantus'), { recursive: true, force: true });
  });

  it('carries a registered case from intake to legal', async () => {
    const intake = await launch('intake', 'intake', env('intake'));
    const legal = await launch('legal', 'legal', env('legal'));
    // Ready means the database answered a ping and the broker described its cluster, both over TLS as the service's user.
    await Promise.all([intake, legal].map((s) => waitUntilReady(s.url, 120_000, () => s.child.exitCode === null)));

    const programme = await api(`${intake.url}/programmes`, 'POST', SUPERVISOR, {
      programmeId: 'iq-ru-tls',
      name: 'Iraq to Russia (TLS)',
      originState: 'IQ',
      destinationState: 'RU',
      eligibility: { maxAgeAtRegistration: 17, childrenOnly: true },
      escortPolicy: { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 },
      requirements: ['nationality-verified'],
    });
    expect(programme.status).toBe(201);
    const registered = await api(`${intake.url}/cases`, 'POST', CASE_WORKER, {
      programmeId: 'iq-ru-tls',
      sex: 'female',
      names: [{ given: 'Amina', family: 'Testova', script: 'latin' }],
      birthDate: { value: '2017-01-01', precision: 'year' },
      facility: { type: 'camp', name: 'Test Camp', city: 'Hasakah' },
      mother: { status: 'detained', location: 'Test Camp' },
      guardians: [{ relationship: 'grandmother', name: { given: 'Zarema', family: 'Testova', script: 'latin' }, email: 'grandmother@example.org', preferredLanguage: 'ru' }],
    });
    expect(registered.status).toBe(201);
    const caseId = registered.body['caseId'] as string;

    await expectEventually(async () => expect((await api(`${legal.url}/legal-files/${caseId}`, 'GET', LEGAL_OFFICER)).status).toBe(200), { timeoutMs: 60_000 });
  });

  it('does not start a service whose Kafka password is wrong', async () => {
    const impostor = await launch('legal', 'legal-wrong-password', { ...env('legal', 'not-the-password'), KAFKA_GROUP_ID: `${prefix}-impostor` });
    const code = await expectEventually(() => {
      expect(impostor.child.exitCode).not.toBeNull();
      return impostor.child.exitCode;
    }, { timeoutMs: 90_000, intervalMs: 250 });
    expect(code).not.toBe(0);
    expect(readFileSync(join(dir, 'legal-wrong-password.log'), 'utf8')).toMatch(/SASL SCRAM SHA512 authentication failed/);
  });
});
