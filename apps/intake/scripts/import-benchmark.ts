/**
 * Imports a list of N children (default 20,000) into an intake started
 * in-process against the real servers, with its own database and topic
 * prefix, and prints how long validation, registration and publication took;
 * then imports the same list again, which must create nothing.
 *   npx tsx apps/intake/scripts/import-benchmark.ts [rows] [json|csv]
 * Not part of the test suite: it takes minutes on a busy 2-core machine.
 */
import { randomBytes } from 'node:crypto';
import { countUnpublished } from '@homeward/persistence';
import { loadServiceConfig, startService } from '@homeward/runtime';
import { createLogger } from '@homeward/telemetry';
import { actingAs, testAuthEnv } from '@homeward/testing';
import { intakeService } from '../src/intake.service';
import { importRow } from '../src/http/import.test-rows';
import { registerCaseModel } from '../src/store/case.model';
import { stringify } from 'csv-stringify/sync';

const rows = Number(process.argv[2] ?? 20_000);
const format = process.argv[3] === 'csv' ? 'csv' : 'json';
const prefix = `bench-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;
// A supervisor declares the programme, a case worker imports: the benchmark acts as both.
const USER = actingAs('benchmark', ['case-worker', 'supervisor']);
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
    const body = format === 'csv' ? toCsv(list) : JSON.stringify({ programmeId: 'bench-2019', rows: list });
    console.log(`database ${config.MONGO_DB}, topic prefix ${prefix}`);
    console.log(`${list.length} rows, ${(body.length / 1e6).toFixed(1)} MB of ${format.toUpperCase()}`);

    const importOnce = async (label: string) => {
      const started = Date.now();
      const res = await fetch(`${base}/imports${format === 'csv' ? '?programmeId=bench-2019' : ''}`, {
        method: 'POST',
        headers: { 'content-type': format === 'csv' ? 'text/csv' : 'application/json', ...USER },
        body,
      });
      const validated = seconds(started);
      console.log(`[${label}] POST /imports → ${res.status} after ${validated} s (parse, validate, store rows)`);
      const location = res.headers.get('location')!;
      let job = (await res.json()) as Record<string, unknown>;
      while (job['status'] === 'queued' || job['status'] === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        job = (await call('GET', location)).body;
        if (process.env['VERBOSE']) console.log(`  ${seconds(started)} s: ${job['status']} ${JSON.stringify(job['totals'])}`);
      }
      const registered = seconds(started);
      console.log(`[${label}] import ${job['status']} after ${registered} s: ${JSON.stringify(job['totals'])}`);
      while ((await countUnpublished(registerCaseModel(service.context.connection) as never)) > 0 && Date.now() - started < 900_000) {
        if (process.env['VERBOSE']) console.log(`  ${seconds(started)} s: events still to publish`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const publishedAt = seconds(started);
      const report = await call('GET', `${location}/report`);
      const totals = job['totals'] as Record<string, number>;
      console.log(
        `[${label}] validation ${validated} s, registration ${registered} s, publication ${publishedAt} s (total, from the POST); ` +
          `created ${totals['created']}, already imported ${totals['alreadyImported']}, rejected ${totals['rejected']}, duplicates flagged ${totals['duplicatesFlagged']}; ` +
          `report: ${(report.body['accepted'] as unknown[]).length} accepted, ${(report.body['rejected'] as unknown[]).length} rejected`,
      );
      return totals;
    };

    const first = await importOnce('first import');
    const cases = await registerCaseModel(service.context.connection).estimatedDocumentCount();
    console.log(`cases visible in the current-state collection: ${cases}; duplicate pairs expected ${Math.floor(rows / 1_000)}, flagged ${first['duplicatesFlagged']}`);
    const again = await importOnce('same list again');
    const casesAfter = await registerCaseModel(service.context.connection).estimatedDocumentCount();
    console.log(`re-import created ${again['created']} (must be 0), cases now ${casesAfter} (was ${cases})`);
    if (again['created'] !== 0 || casesAfter !== cases) process.exitCode = 1;
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

/** The benchmark's rows as the CSV columns of domain/import-csv.ts. */
function toCsv(list: ReadonlyArray<Record<string, unknown>>): string {
  type Name = { given: string; family: string; script: string };
  const records = list.map((row) => {
    const names = row['names'] as Name[];
    const latin = names.find((n) => n.script === 'latin');
    const cyrillic = names.find((n) => n.script === 'cyrillic');
    const birth = row['birthDate'] as { value: string; precision: string };
    const facility = row['facility'] as { type: string; name: string; city: string };
    const mother = row['mother'] as { name: Name; status: string };
    const guardian = (row['guardians'] as Array<{ relationship: string; name: Name; email: string; preferredLanguage: string }>)[0]!;
    return {
      rowReference: row['rowReference'],
      sex: row['sex'],
      givenNameLatin: latin?.given ?? '',
      familyNameLatin: latin?.family ?? '',
      givenNameCyrillic: cyrillic?.given ?? '',
      familyNameCyrillic: cyrillic?.family ?? '',
      birthDate: birth.value,
      birthDatePrecision: birth.precision,
      facilityType: facility.type,
      facilityName: facility.name,
      facilityCity: facility.city,
      motherGivenName: mother.name.given,
      motherFamilyName: mother.name.family,
      motherStatus: mother.status,
      guardianRelationship: guardian.relationship,
      guardianGivenName: guardian.name.given,
      guardianFamilyName: guardian.name.family,
      guardianEmail: guardian.email,
      guardianPreferredLanguage: guardian.preferredLanguage,
    };
  });
  return stringify(records, { header: true });
}
