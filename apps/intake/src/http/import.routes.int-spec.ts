import { randomUUID } from 'node:crypto';
import * as testing from '@homeward/testing';
import { CaseRegisteredV2 } from '@homeward/contracts';
import { newImportJob, startImport } from '../domain/import-job';
import { registerCase, type RegisteredCase } from '../domain/register-case';
import { RegisterCaseCommand } from '../domain/register-case.command';
import { CaseRepository } from '../store/case.repository';
import { DATA_KEYS_COLLECTION } from '@homeward/privacy';
import { importChunkId, importJobStore, registerImportChunkModel, registerImportOutcomesModel, type ImportChunk } from '../store/import-job.model';
import { importKeyId, openImportChunk, sealImportChunks } from '../store/import-chunk.sealing';
import { findProgrammeDefinition } from '../store/programme.repository';
import { importedCaseId } from '../domain/import-ids';
import { caseBody, IntakeUnderTest, programmeBody, SUPERVISOR, USER, USER_ID } from './case-api.test-kit';
import { importRow } from './import.test-rows';

const P = 'iq-ru-2019';
const ROWS = 150;

/** 150 rows (with long medical notes, to exceed the general body limit), five invalid, the last the same child as row 149 in Cyrillic. */
function list(): Record<string, unknown>[] {
  const rows = Array.from({ length: ROWS }, (_x, i) => importRow(i + 1, { medicalNeeds: 'Needs a daily dose of vitamin D; allergic to penicillin. '.repeat(34) }));
  rows[9] = { ...rows[9], sex: 'x' };
  const { rowReference: _r, ...noReference } = rows[19]!;
  rows[19] = noReference;
  rows[29] = { ...rows[29], rowReference: rows[0]!['rowReference'] };
  rows[39] = { ...rows[39], birthDate: { value: '1990-01-01', precision: 'year' } };
  rows[49] = { ...rows[49], guardians: [{ ...(rows[49]!['guardians'] as object[])[0], email: 'not-an-address' }] };
  rows[149] = { ...rows[148], rowReference: 'HOL-CYR-149', names: [{ given: 'Фатима', family: 'Иванова', script: 'cyrillic' }] };
  rows[148] = { ...rows[148], names: [{ given: 'Fatima', family: 'Ivanova', script: 'latin' }] };
  return rows;
}

const expectedRejected = [
  { row: 10, field: '/rows/9/sex' },
  { row: 20, field: '/rows/19/rowReference', reason: 'is required' },
  { row: 30, field: '/rows/29/rowReference', reason: 'repeats the reference of row 1' },
  { row: 40, field: '/rows/39/birthDate', rule: 'children-only' },
  { row: 50, field: '/rows/49/guardians/0/email' },
];

describe('bulk import against the real servers', () => {
  const intake = new IntakeUnderTest(testing);
  const waitForJob = (location: string) =>
    testing.expectEventually(
      async () => {
        const job = await intake.call(`GET`, location);
        expect(job.body['status']).toBe('completed');
        return job.body as { totals: Record<string, number> };
      },
      { timeoutMs: 45_000, intervalMs: 200 },
    );

  beforeAll(async () => {
    await intake.start();
    expect((await intake.call('POST', '/programmes', programmeBody(P), SUPERVISOR)).status).toBe(201);
  });
  afterAll(() => intake.stop());

  let firstImport = '';

  it('imports a JSON list over the general body limit, registers the valid rows and reports the invalid ones exactly', async () => {
    const body = JSON.stringify({ programmeId: P, rows: list() });
    expect(body.length).toBeGreaterThan(256 * 1024);
    const submitted = await intake.call('POST', '/imports', body);
    expect(submitted.status).toBe(202);
    const location = submitted.headers.get('location')!;
    expect(location).toBe(`/imports/${submitted.body['importId']}`);
    expect(submitted.body['totals']).toMatchObject({ rows: ROWS, rejected: 5, accepted: ROWS - 5 });
    firstImport = String(submitted.body['importId']);

    const job = await waitForJob(location);
    expect(job.totals).toEqual({ rows: ROWS, accepted: 145, rejected: 5, created: 145, alreadyImported: 0, duplicatesFlagged: 1, processed: 145 });

    const report = await intake.call<{ accepted: Array<Record<string, unknown>>; rejected: Array<Record<string, unknown>> }>('GET', `${location}/report`);
    expect(report.body.rejected).toEqual(expectedRejected.map((r) => expect.objectContaining(r)));
    expect(report.body.accepted).toHaveLength(145);
    expect(report.body.accepted[0]).toEqual({ row: 1, reference: 'HOL-000001', caseId: importedCaseId(P, 'HOL-000001'), outcome: 'created' });
    expect(report.body.accepted.every((a) => a['outcome'] === 'created')).toBe(true);

    const imported = await intake.call('GET', `/cases/${importedCaseId(P, 'HOL-000001')}`);
    expect(imported.body).toMatchObject({ importReference: 'HOL-000001', stage: 'registered', registeredBy: USER_ID });
    await testing.expectEventually(() => expect(intake.publishedOfType('case.registered.v2')).toHaveLength(145), { timeoutMs: 30_000 });
    expect(intake.publishedOfType('case.registered.v2')[0]!.correlationid).toBe(firstImport);
  });

  it('keeps the rows at rest sealed with the import’s own key, and shreds that key once the import has completed', async () => {
    const { connection, privacy } = intake.service.context;
    const stored = await registerImportChunkModel(connection).find({ jobId: firstImport }).lean().exec();
    expect(stored).toHaveLength(1);
    const text = JSON.stringify(stored);
    // Names, birth dates, guardians' addresses of the list, and the birth date the children-only refusal quotes.
    for (const needle of [(importRow(1)['names'] as Array<{ family: string }>)[0]!.family, (importRow(2)['birthDate'] as { value: string }).value, 'guardian3@example.org', 'vitamin D', '1990-01-01']) {
      expect({ needle, found: text.includes(needle) }).toEqual({ needle, found: false });
    }
    expect(stored[0]!.sealed).toMatchObject({ _sealed: 'aes-256-gcm.v1' });
    expect(stored[0]!.references).toHaveLength(145);
    // Shredded: the vault keeps a tombstone only, and the chunk no longer opens.
    await testing.expectEventually(async () => expect(await connection.useDb(privacy.vault.databaseName).collection(DATA_KEYS_COLLECTION).findOne({ _id: importKeyId(firstImport) as never })).toMatchObject({ erasedAt: expect.any(Date) }));
    expect(await connection.useDb(privacy.vault.databaseName).collection(DATA_KEYS_COLLECTION).findOne({ _id: importKeyId(firstImport) as never })).not.toHaveProperty('wrapped');
    privacy.vault.forget();
    expect(await openImportChunk(privacy, stored[0]!)).toBeUndefined();
    const outcomes = JSON.stringify(await registerImportOutcomesModel(connection).find({}).lean().exec());
    expect(outcomes).not.toContain('1990-01-01');
  });

  it('flags the child listed twice in two scripts for review, found by the import', async () => {
    const open = await intake.call<{ items: Array<Record<string, unknown>> }>('GET', '/duplicates?status=open');
    expect(open.body.items).toEqual([
      expect.objectContaining({
        caseIds: [importedCaseId(P, 'HOL-000149'), importedCaseId(P, 'HOL-CYR-149')].sort(),
        detectedBy: `import:${firstImport}`,
        status: 'open',
      }),
    ]);
  });

  it('creates nothing when the same list is imported again, and says so in the report', async () => {
    const before = intake.publishedOfType('case.registered.v2').length;
    const again = await intake.call('POST', '/imports', { programmeId: P, rows: list() });
    expect(again.status).toBe(202);
    const job = await waitForJob(again.headers.get('location')!);
    expect(job.totals).toMatchObject({ created: 0, alreadyImported: 145, rejected: 5, duplicatesFlagged: 0 });
    const report = await intake.call<{ accepted: Array<Record<string, unknown>> }>('GET', `${again.headers.get('location')}/report`);
    expect(new Set(report.body.accepted.map((a) => a['outcome']))).toEqual(new Set(['already-imported']));
    await intake.settled();
    expect(intake.publishedOfType('case.registered.v2')).toHaveLength(before);
    expect(await intake.caseCount()).toBe(145);
  });

  it('imports a CSV list with ?programmeId=, naming the columns of bad cells', async () => {
    const header = 'rowReference,sex,givenNameLatin,familyNameLatin,givenNameCyrillic,familyNameCyrillic,birthDate,birthDatePrecision,facilityType,facilityName,facilityCity,guardianRelationship,guardianGivenName,guardianFamilyName,guardianEmail,guardianPreferredLanguage';
    const csv = [
      header,
      'CSV-1,male,Omar,Csvtestov,Омар,Csvтестов,2014-01-01,year,camp,Camp Roj,Hasakah,grandfather,Иван,Csvтестов,ivan@example.org,ru',
      'CSV-2,female,Lina,Csvtestova,,,2016-05-01,month,camp,Camp Roj,Hasakah,,,,,',
      'CSV-3,female,Sara,,,,2016-05-40,day,camp,Camp Roj,Hasakah,,,,,',
    ].join('\n');
    const submitted = await fetch(`${intake.base}/imports?programmeId=${P}`, { method: 'POST', headers: { ...USER, 'content-type': 'text/csv' }, body: csv });
    expect(submitted.status).toBe(202);
    const location = submitted.headers.get('location')!;
    expect((await waitForJob(location)).totals).toMatchObject({ rows: 3, created: 2, rejected: 1 });
    const report = await intake.call<{ rejected: unknown[] }>('GET', `${location}/report`);
    expect(report.body.rejected).toEqual([expect.objectContaining({ row: 3, field: 'familyNameLatin' }), expect.objectContaining({ row: 3, field: 'birthDate' })]);
    const omar = await intake.call('GET', `/cases/${importedCaseId(P, 'CSV-1')}`);
    expect(omar.body['personal']).toMatchObject({ names: [{ given: 'Omar', script: 'latin' }, { given: 'Омар', script: 'cyrillic' }], birthDate: { value: '2014-01-01', precision: 'year' } });
  });

  it('refuses a list it cannot take as a whole, creating no job', async () => {
    const csv = (query: string, body: string) => fetch(`${intake.base}/imports${query}`, { method: 'POST', headers: { ...USER, 'content-type': 'text/csv' }, body });
    expect((await csv('', 'rowReference\nA\n')).status).toBe(400);
    const unknownColumn = await csv(`?programmeId=${P}`, 'rowReference,religion\nA,x\n');
    expect([unknownColumn.status, ((await unknownColumn.json()) as { errors: Array<{ field: string }> }).errors[0]!.field]).toEqual([400, 'header.religion']);
    expect((await intake.call('POST', '/imports', { programmeId: 'xx-yy-2000', rows: [importRow(1)] })).body['rule']).toBe('programme-exists');
    expect((await intake.call('POST', '/imports', { programmeId: P, rows: [] })).status).toBe(400);
    expect((await fetch(`${intake.base}/imports`, { method: 'POST', headers: { ...USER, 'content-type': 'application/xml' }, body: '<a/>' })).status).toBe(415);
    expect((await intake.call('POST', '/imports', { programmeId: P, rows: [importRow(1)] }, {})).status).toBe(401);
    expect((await intake.call('GET', `/imports/${importedCaseId(P, 'none')}`)).status).toBe(404);
  });

  it('still refuses JSON bodies over 256 kb on the other routes', async () => {
    expect((await intake.call('POST', '/cases', { ...caseBody(P), medicalNeeds: 'x'.repeat(300_000) })).status).toBe(413);
  });

  it('documents the import and duplicate routes in /openapi.json, with both list formats', async () => {
    const doc = await intake.call<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> }>('GET', '/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/imports', '/imports/{importId}', '/imports/{importId}/report', '/duplicates', '/duplicates/{duplicateId}', '/duplicates/{duplicateId}/confirmation', '/duplicates/{duplicateId}/dismissal']),
    );
    expect(Object.keys(doc.body.paths['/imports']!['post']!.requestBody!.content)).toEqual(['application/json', 'text/csv']);
  });
});

describe('an import interrupted by a crash', () => {
  it('resumes at the next start, counting the cases it created before the crash as created, with exact totals', async () => {
    const first = new IntakeUnderTest(testing);
    await first.start();
    expect((await first.call('POST', '/programmes', programmeBody(P), SUPERVISOR)).status).toBe(201);
    // What a crash in the middle of the first chunk leaves: the job running,
    // its rows stored, ten of its forty cases committed (by this job).
    const { connection } = first.service.context;
    const jobId = randomUUID();
    const accepted = Array.from({ length: 40 }, (_x, i) => {
      const { rowReference, ...row } = importRow(i + 1);
      return { row: i + 1, reference: String(rowReference), input: { ...RegisterCaseCommand.parse({ ...row, programmeId: P }), importReference: String(rowReference) } };
    });
    const chunk: ImportChunk = { _id: importChunkId(jobId, 0), jobId, index: 0, rows: accepted, rejected: [] };
    const [sealed] = await sealImportChunks(first.service.context.privacy, jobId, [chunk]);
    await registerImportChunkModel(connection).collection.insertOne(sealed as never);
    const queued = newImportJob(P, 'json', 40, 0, new Date(), 'worker-1');
    await importJobStore(connection).create(jobId, { ...queued, ...startImport(queued, new Date()) }, []);
    const programme = (await findProgrammeDefinition(connection, P))!;
    const early = accepted.slice(0, 10).map(({ reference, input }) => {
      const id = importedCaseId(P, reference);
      const { record, event } = registerCase(programme, input, new Date(), { caseId: id, guardianId: randomUUID }, 'worker-1') as RegisteredCase;
      // As the runner writes them: each case names the job that created it.
      return { id, state: { ...record, importJobId: jobId }, events: [first.service.context.events(CaseRegisteredV2, event, { correlationid: jobId })] };
    });
    expect((await new CaseRepository(connection).store.createMany(early)).size).toBe(10);
    await first.service.drain();
    await first.service.close();

    const second = new IntakeUnderTest({ ...testing, uniqueName: () => first.prefix });
    await second.start();
    try {
      const job = await testing.expectEventually(
        async () => {
          const reply = await second.call('GET', `/imports/${jobId}`);
          expect(reply.body['status']).toBe('completed');
          return reply.body;
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      expect(job['totals']).toEqual({ rows: 40, accepted: 40, rejected: 0, created: 40, alreadyImported: 0, duplicatesFlagged: 0, processed: 40 });
      await testing.expectEventually(async () => expect(await second.caseCount()).toBe(40));
    } finally {
      await second.stop();
    }
  });
});
