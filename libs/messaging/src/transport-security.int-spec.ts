import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commonEnv, kafkaSecurityOf, loadConfig, transportSecurityEnv } from '@homeward/config';
import { createTestCertificates, expectEventually, startSecuredKafka, uniqueName, type SecuredKafka } from '@homeward/testing';
import { ensureTopics } from './ensure-topics';
import { createKafka } from './kafka-client';

const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

/**
 * A broker of its own whose only client listener is SASL_SSL (TLS with a CA
 * made by openssl, SCRAM-SHA-512 users per service): a service configured by
 * the deployment variables (README "Deployment") works, and every way of
 * getting those wrong is refused by the broker.
 */
describe('Kafka over TLS with SASL/SCRAM', () => {
  let dir: string;
  let broker: SecuredKafka;
  let caFile: string;

  // Servers of its own start slowly on a loaded machine: more time than the default hook timeout.
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'homeward-kafka-tls-'));
    const certificates = createTestCertificates(dir);
    caFile = certificates.caFile;
    broker = await startSecuredKafka({ dir, certificates, mechanism: 'SCRAM-SHA-512', users: { intake: 'intake-secret', legal: 'legal-secret' } });
  }, 180_000);

  afterAll(async () => {
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A service's Kafka client built the way startService builds it: from its environment. */
  const kafkaFromEnv = (env: Record<string, string>, retries = 8) => {
    const config = loadConfig({ ...commonEnv, ...transportSecurityEnv }, { KAFKA_BROKERS: broker.brokers.join(','), ...env });
    return createKafka({ brokers: config.KAFKA_BROKERS, clientId: uniqueName('tls'), logger: quiet, ...kafkaSecurityOf(config), retry: { retries, initialRetryTime: 200 } });
  };
  const serviceEnv = (user: string, password: string) => ({
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_FILE: caFile,
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: user,
    KAFKA_SASL_PASSWORD: password,
  });

  it('carries an event from one service to another, each with its own credentials', async () => {
    const topic = uniqueName('tls.case');
    const intake = kafkaFromEnv(serviceEnv('intake', 'intake-secret'));
    const legal = kafkaFromEnv(serviceEnv('legal', 'legal-secret'));
    await ensureTopics(intake, [topic], 1);
    const producer = intake.producer();
    const consumer = legal.consumer({ groupId: uniqueName('legal') });
    const received: string[] = [];
    try {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void received.push(String(message.value)) });
      await producer.send({ topic, messages: [{ key: 'case-1', value: 'registered over SASL_SSL' }] });
      await expectEventually(() => expect(received).toEqual(['registered over SASL_SSL']), { timeoutMs: 60_000 });
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  });

  const refusal = async (env: Record<string, string>) => {
    const admin = kafkaFromEnv(env, 1).admin();
    try {
      await admin.connect();
      await admin.listTopics();
      return 'connected';
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    } finally {
      await admin.disconnect();
    }
  };

  it('refuses a wrong password', async () => {
    expect(await refusal(serviceEnv('intake', 'legal-secret'))).toMatch(/SASL SCRAM SHA512 authentication failed.*invalid credentials/);
  });

  it('refuses a user it does not know, and a valid user over another SCRAM mechanism', async () => {
    expect(await refusal(serviceEnv('notification', 'intake-secret'))).toMatch(/authentication failed/i);
    expect(await refusal({ ...serviceEnv('intake', 'intake-secret'), KAFKA_SASL_MECHANISM: 'scram-sha-256' })).toMatch(/does not support the requested SASL mechanism/);
  });

  it('is not trusted by a client without the CA (the system CAs do not know it)', async () => {
    const { KAFKA_SSL_CA_FILE: _ca, ...withoutCa } = serviceEnv('intake', 'intake-secret');
    expect(await refusal(withoutCa)).toMatch(/certificate/);
  });

  it('refuses plaintext and TLS without credentials', async () => {
    expect(await refusal({})).toMatch(/Closed connection|ECONNRESET|Connection error/);
    expect(await refusal({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: caFile })).toMatch(/Closed connection|Connection error/);
  });
});
