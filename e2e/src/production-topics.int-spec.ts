import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { applyTopics, createKafka, TOPIC_CATALOG } from '@homeward/messaging';
import { keyVaultDbFor } from '@homeward/privacy';
import { freePort, launchService, repoRoot, testServers, uniqueName, waitUntilReady } from '@homeward/testing';

const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

/**
 * In production a service never creates a topic (it would get one replica
 * on a real cluster): it refuses to start until the deployment has applied
 * the catalogue, and starts once it has.
 */
describe('a service in production mode and its topics', () => {
  const prefix = uniqueName('prod');
  const database = `${prefix.replaceAll('-', '_')}_intake`;
  const dir = join(repoRoot, 'tmp/e2e', prefix);
  const kafka = createKafka({ brokers: testServers.kafkaBrokers, clientId: prefix, logger: quiet });
  // Production refuses the public development master key; the vault is the test's own (its prefix).
  const masterKey = randomBytes(32).toString('base64');
  const launch = async (attempt: string) =>
    launchService('intake', {
      port: await freePort(),
      logFile: join(dir, `intake-${attempt}.log`),
      env: {
        HOMEWARD_ENV: 'production',
        HOMEWARD_MASTER_KEY: masterKey,
        HOMEWARD_MASTER_KEY_ID: 'production-topics-test',
        // Production refuses the development issuer; nothing here asks this one for keys (no request carries a token).
        OIDC_ISSUER: 'https://issuer.homeward.invalid',
        HOMEWARD_TOPIC_PREFIX: prefix,
        MONGO_URL: testServers.mongoUrl,
        MONGO_DB: database,
        KAFKA_BROKERS: testServers.kafkaBrokers.join(','),
        RETENTION_SWEEP_MS: '0',
      },
    });

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${prefix}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    await admin.disconnect();
    const mongo = await MongoClient.connect(testServers.mongoUrl);
    await mongo.db(database).dropDatabase();
    await mongo.db(keyVaultDbFor(prefix)).dropDatabase();
    await mongo.close();
  });

  it('exits naming the missing topics and creates none, then starts once they were applied', async () => {
    const first = await launch('before');
    const code = await new Promise<number | null>((resolve) => first.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(readFileSync(join(dir, 'intake-before.log'), 'utf8')).toContain(`topics missing: ${prefix}.homeward.intake.v1`);
    const admin = kafka.admin();
    await admin.connect();
    expect((await admin.listTopics()).filter((t) => t.startsWith(`${prefix}.`))).toEqual([]);
    await admin.disconnect();

    await applyTopics(kafka, TOPIC_CATALOG, { prefix, replicationFactor: 1 });
    const second = await launch('after');
    try {
      await waitUntilReady(second.url, 240_000, () => second.child.exitCode === null);
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
    // Two starts of a service from sources: 40 s each on two free cores, over two minutes each on a loaded machine.
  }, 540_000);
});
