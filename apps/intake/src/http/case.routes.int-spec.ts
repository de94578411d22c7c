import { Kafka } from 'kafkajs';
import { Topic } from '@homeward/contracts';
import { physicalTopic } from '@homeward/messaging';
import { loadServiceConfig, startService, type RunningService } from '@homeward/runtime';
import { createLogger } from '@homeward/telemetry';
import { testServers, uniqueName } from '@homeward/testing';
import { intakeService } from '../intake.service';
import { registerCaseModel } from '../store/case.model';

const validCase = () => ({
  programmeId: 'iq-ru-2019',
  originState: 'IQ',
  destinationState: 'RU',
  sex: 'female',
  names: [
    { given: 'Тестия', family: 'Примерова', script: 'cyrillic' },
    { given: 'Testiya', family: 'Primerova', script: 'latin' },
  ],
  birthDate: { value: '2015-04-01', precision: 'month' },
  facility: { type: 'orphanage', name: 'Test Orphanage No. 1', city: 'Baghdad' },
  guardians: [
    { relationship: 'grandmother', name: { given: 'Анна', family: 'Примерова', script: 'cyrillic' }, email: 'anna.test@example.org', preferredLanguage: 'ru' },
  ],
});

describe('intake case API against the real servers', () => {
  const prefix = uniqueName('intake');
  let service: RunningService;
  let base: string;
  const kafka = new Kafka({ clientId: prefix, brokers: testServers.kafkaBrokers, logLevel: 0 });

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${base}/cases`, { method: 'POST', headers, body });
  const publishedCount = async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(physicalTopic(prefix, Topic.intake));
      return offsets.reduce((n, o) => n + Number(o.high), 0);
    } finally {
      await admin.disconnect();
    }
  };
  const storedCount = () => registerCaseModel(service.context.connection).countDocuments();

  beforeAll(async () => {
    const config = loadServiceConfig('intake', 0, {
      HOMEWARD_TOPIC_PREFIX: prefix,
      MONGO_DB: prefix.replaceAll('-', '_'),
      MONGO_URL: testServers.mongoUrl,
      KAFKA_BROKERS: testServers.kafkaBrokers.join(','),
      KAFKA_GROUP_ID: prefix,
      RELAY_POLL_MS: '50',
    });
    service = await startService(intakeService, config, createLogger('intake', 'silent'));
    base = `http://127.0.0.1:${service.port}`;
  });

  afterAll(async () => {
    await service.drain();
    await service.context.connection.dropDatabase();
    await service.close();
  });

  it.each([
    ['malformed JSON', '{"programmeId": ', 'malformed-json', undefined],
    ['a missing field', JSON.stringify({ ...validCase(), sex: undefined }), 'validation-failed', '/sex'],
    ['an unknown field', JSON.stringify({ ...validCase(), religion: 'x' }), 'validation-failed', '/religion'],
    ['a wrong type', JSON.stringify({ ...validCase(), birthDate: { value: 20150401, precision: 'month' } }), 'validation-failed', '/birthDate/value'],
    ['a bad nested value', JSON.stringify({ ...validCase(), guardians: [{ ...validCase().guardians[0], email: 'not-an-address' }] }), 'validation-failed', '/guardians/0/email'],
    ['an operator key', JSON.stringify({ ...validCase(), facility: { $where: 'sleep(1000)' } }), 'validation-failed', '/facility/$where'],
  ])('refuses %s with 400 problem+json naming the field', async (_what, body, code, field) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { type: string; errors?: Array<{ field: string }> };
    expect(problem.type).toMatch(new RegExp(`${code}$`));
    if (field) expect(problem.errors?.map((e) => e.field)).toContain(field);
  });

  it('refuses an oversized body with 413 and a non-JSON body with 415', async () => {
    const huge = JSON.stringify({ ...validCase(), programmeId: 'x'.repeat(300_000) });
    expect((await post(huge)).status).toBe(413);
    expect((await post('programmeId=x', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
  });

  it('stored and published nothing for any refused request', async () => {
    expect(await storedCount()).toBe(0);
    expect(await publishedCount()).toBe(0);
  });

  it('registers a valid case, publishes case.registered.v1 once, and serves it back with an ETag', async () => {
    const res = await post(JSON.stringify(validCase()));
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };
    expect(res.headers.get('location')).toBe(`/cases/${caseId}`);
    const read = await fetch(`${base}/cases/${caseId}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(await read.json()).toMatchObject({ caseId, stage: 'registered', personal: { names: validCase().names } });
    expect(await storedCount()).toBe(1);
    const deadline = Date.now() + 10_000;
    while ((await publishedCount()) < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await publishedCount()).toBe(1);
  });

  it('answers 404 for an unknown case and 400 for a malformed id', async () => {
    expect((await fetch(`${base}/cases/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    const bad = await fetch(`${base}/cases/not-a-uuid`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ field: string }> }).errors[0]!.field).toBe('params.caseId');
  });
});
