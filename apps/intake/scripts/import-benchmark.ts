/**
 * Imports a list of N children (default 20,000) into an intake started
 * in-process against the real servers, with its own database and topic
 * prefix, and prints how long validation, registration and publication took.
 *   npx tsx apps/intake/scripts/import-benchmark.ts [rows] [json|csv]
 * Not part of the test suite: it takes about a minute on a 2-core machine.
 */
import { randomBytes } from 'node:crypto';
import { loadServiceConfig, startService } from '@homeward/runtime';
import { createLogger } from '@homeward/telemetry';
import { actingAs, testAuthEnv } from '@homeward/testing';
import { intakeService } from '../src/intake.service';
import { importRow } from '../src/http/import.test-rows';
import { registerCaseModel } from '../src/store/case.model';
import { commitModelOf } from '@homeward/persistence';

const rows = Number(process.argv[2] ?? 20_000);
const prefix = `bench-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;
const USER = actingAs('benchmark', ['case-worker']);
const seconds = (from: number) => ((Date.now() - from) / 1000).toFixed(1);

async function main(): Promise<void> {
  const config = loadServiceConfig('intake', 0, {
      ...testAuthEnv(),
    HOMEWARD_TOPIC_PREFIX: prefix,
    MONGO_DB: prefix.replaceAll('-', '_'),
    MONGO_URL: process.env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27017',
    KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
    KAFKA_GROUP_ID: prefix,
    LOG_LEVEL: 'warn',
  });
  const service = await startService(intakeService, config, createLogger('intake', (process.env['LOG_LEVEL'] as 'info') ?? 'warn'));
  const base = `http://127.0.0.1:${service.port}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', ...USER }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  };
  try {
    await call('POST', '/programmes', {
      programmeId: 'bench-2019',
      name: 'Benchmark',
      originState: 'IQ',
      destinationState: 'RU',
      eligibility: { maxAgeAtRegistration: 17, childrenOnly: true },
      escortPolicy: { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 },
      requirements: ['nationality-verified'],
    });
    const list = Array.from({ length: rows }, (_x, i) => importRow(i + 1));
    // Every 1,000th child is listed a second time in Cyrillic: the import must flag these pairs.
    for (let i = 1_000; i <= rows; i += 1_000) {
      list.push({ ...list[i - 1], rowReference: `CYR-${i}`, names: [{ given: 'Фатима', family: 'Дубликатова', script: 'cyrillic' }] });
      list[i - 1] = { ...list[i - 1], names: [{ given: 'Fatima', family: 'Dublikatova', script: 'latin' }] };
    }
    const body = { programmeId: 'bench-2019', rows: list };
    console.log(`${list.length} rows, ${(JSON.stringify(body).length / 1e6).toFixed(1)} MB of JSON`);
    const started = Date.now();
    const submitted = await call('POST', '/imports', body);
    console.log(`POST /imports → ${submitted.status} after ${seconds(started)} s (parse, validate, store rows)`);
    const location = submitted.headers.get('location')!;
    let job = submitted.body;
    while (job['status'] === 'queued' || job['status'] === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      job = (await call('GET', location)).body;
      console.log(`  ${seconds(started)} s: ${job['status']} ${JSON.stringify(job['totals'])}`);
    }
    console.log(`import ${job['status']} after ${seconds(started)} s`);
    const report = await call('GET', `${location}/report`);
    console.log(`report: ${(report.body['accepted'] as unknown[]).length} accepted, ${(report.body['rejected'] as unknown[]).length} rejected`);
    const { outbox } = commitModelOf(registerCaseModel(service.context.connection) as never);
    for (;;) {
      const left = await outbox.estimatedDocumentCount();
      console.log(`  ${seconds(started)} s: ${left} case commits still to publish`);
      if (left === 0 || Date.now() - started > 600_000) break;
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
    console.log(`events published after ${seconds(started)} s`);
  } finally {
    await service.drain();
    if (!process.env['KEEP_DB']) await service.context.connection.dropDatabase();
    await service.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
