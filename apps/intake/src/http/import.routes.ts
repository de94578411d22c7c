import { randomUUID } from 'node:crypto';
import express, { type Express, type RequestHandler } from 'express';
import { PayloadTooLargeError, UnsupportedMediaTypeError, zodIssuesToViolations, type ApiRouter } from '@homeward/http';
import { RuleViolationError, ValidationError } from '@homeward/errors';
import type { ServiceContext } from '@homeward/runtime';
import { importedCaseId } from '../domain/import-ids';
import { csvImportRows } from '../domain/import-csv';
import { IMPORT_CHUNK_ROWS, newImportJob } from '../domain/import-job';
import { jsonPointer, MAX_IMPORT_ROWS, validateImportRows, type CandidateRow, type ValidatedRows } from '../domain/import-rows';
import { importChunkId, importJobStore, registerImportChunkModel, registerImportOutcomesModel, type ImportChunk, type ImportOutcomes } from '../store/import-job.model';
import { reportRowsOf, sealImportChunks, type StoredImportChunk } from '../store/import-chunk.sealing';
import { importRunnerFor } from '../store/import-runner';
import { findProgrammeDefinition } from '../store/programme.repository';
import { noteDenial, principalOf } from '@homeward/auth';
import type { IntakeAgency } from './intake-agency';
import { CSV_DESCRIPTION, ImportJobView, importJobView, ImportJsonEnvelope, ImportJsonRequest, ImportParams, ImportQuery, ImportReport } from './import.schemas';

/** The largest list accepted, JSON or CSV: 20,000 rows with every column filled are about 15 MB. */
export const IMPORT_BODY_LIMIT = '30mb';
const tags = ['imports'];

/**
 * Bulk import. POST /imports validates every row at once (the answer says how
 * many rows were refused; the report says why), stores the rows and a job,
 * and answers 202; the job registers the rows in the background.
 */
export function importRoutes(app: Express, api: ApiRouter, context: ServiceContext, agency: IntakeAgency): void {
  const jobs = importJobStore(context.connection);
  const chunks = registerImportChunkModel(context.connection);
  const outcomesModel = registerImportOutcomesModel(context.connection);
  const runner = importRunnerFor(context);
  // Jobs a stop or a crash interrupted; after the routes exist, as start-up continues.
  setImmediate(() => void runner.resumeUnfinished().catch((error: unknown) => context.logger.error({ err: error }, 'could not resume imports')));

  // CSV arrives as text; the large JSON body is parsed before the general
  // 256 kb parser (ServiceDefinition.largeJsonBodies in intake.service.ts).
  app.post('/imports', csvBody());

  api.post(
    '/imports',
    {
      permission: 'import:write',
      summary: 'Import a list of children (JSON, or CSV with ?programmeId=); 202 with the job, whose progress GET /imports/{importId} shows.',
      tags,
      query: ImportQuery,
      requestBodies: { 'application/json': ImportJsonRequest, 'text/csv': { description: CSV_DESCRIPTION } },
      responses: { 202: ImportJobView },
    },
    async ({ query }, req, res) => {
      const { userId } = principalOf(req);
      const { programmeId, format, rows } = readList(req.body, req.is('text/csv') ? 'csv' : req.is(['application/json', 'application/*+json']) ? 'json' : undefined, query.programmeId);
      // A programme the caller's agency is not part of is, to them, a programme that does not exist.
      const participates = await agency.gate.mayActIn(principalOf(req), programmeId);
      if (!participates) noteDenial(res, principalOf(req), programmeId);
      const programme = participates ? await findProgrammeDefinition(context.connection, programmeId) : undefined;
      if (!programme) throw new RuleViolationError('programme-exists', `programme ${programmeId} does not exist`);
      const now = new Date();
      const validated = validateImportRows(programmeId, programme, rows, now);
      const importId = randomUUID();
      const job = newImportJob(programmeId, format, rows.length, new Set(validated.rejected.map((r) => r.row)).size, now, userId);
      // Chunks first: a crash before the job leaves rows nobody points to, never a job without rows.
      const stored = await insertChunks(context, chunks, importId, job.chunkCount, validated);
      await jobs.createOrConflict(importId, job, [], 'import');
      runner.start(importId, stored);
      res.status(202).location(`/imports/${importId}`).json(importJobView({ ...job, _id: importId, version: 1 }));
    },
  );

  api.get('/imports/:importId', { permission: 'import:read', scope: agency.import, summary: 'Progress and totals of an import.', tags, params: ImportParams, responses: { 200: ImportJobView } }, async ({ params }, _req, res) => {
    res.json(importJobView(await jobs.get(params.importId, 'import')));
  });

  api.get(
    '/imports/:importId/report',
    { permission: 'import:read', scope: agency.import, summary: 'Accepted rows with their case, rejected rows with field and reason.', tags, params: ImportParams, responses: { 200: ImportReport } },
    async ({ params }, _req, res) => {
      const job = await jobs.get(params.importId, 'import');
      const ids = Array.from({ length: job.chunkCount }, (_x, i) => importChunkId(params.importId, i));
      // By _id, one chunk each.
      const found = (await Promise.all(ids.map((_id) => chunks.findOne({ _id }).lean().exec()))) as Array<StoredImportChunk | null>;
      const registered = (await Promise.all(ids.map((_id) => outcomesModel.findOne({ _id }).lean().exec()))) as Array<ImportOutcomes | null>;
      const accepted = [];
      const rejected = [];
      for (const [i, chunk] of found.entries()) {
        if (!chunk) continue;
        // Sealed rows open while the import runs; once it has ended (key shredded) the plain references remain.
        const rows = await reportRowsOf(context.privacy, chunk);
        rejected.push(...rows.rejected);
        const outcomes = new Map((registered[i]?.outcomes ?? chunk.outcomes ?? []).map((o) => [o.row, o]));
        for (const { row, reference } of rows.references) {
          const outcome = outcomes.get(row);
          if (outcome?.outcome === 'rejected') rejected.push({ row, field: outcome.field, reason: outcome.reason, ...(outcome.rule ? { rule: outcome.rule } : {}) });
          else accepted.push({ row, reference, caseId: importedCaseId(job.programmeId, reference), outcome: outcome?.outcome ?? 'pending' });
        }
      }
      rejected.sort((a, b) => a.row - b.row);
      res.json({ importId: params.importId, status: job.status, accepted, rejected });
    },
  );
}

function readList(body: unknown, format: 'csv' | 'json' | undefined, queryProgrammeId: string | undefined): { programmeId: string; format: 'csv' | 'json'; rows: CandidateRow[] } {
  if (format === 'csv') {
    if (!queryProgrammeId) throw new ValidationError('The request is invalid.', [{ field: 'query.programmeId', message: 'is required for a CSV list' }]);
    const rows = csvImportRows(typeof body === 'string' ? body : '');
    if (rows.length === 0) throw new ValidationError('The list is empty.', [{ field: 'body', message: 'has no rows after the header' }]);
    if (rows.length > MAX_IMPORT_ROWS) throw new ValidationError('The list is too long.', [{ field: 'body', message: `has more than ${MAX_IMPORT_ROWS} rows` }]);
    return { programmeId: queryProgrammeId, format, rows };
  }
  if (format === 'json') {
    const parsed = ImportJsonEnvelope.safeParse(body);
    if (!parsed.success) throw new ValidationError('The request is invalid.', zodIssuesToViolations(parsed.error.issues, body, jsonPointer));
    if (queryProgrammeId && queryProgrammeId !== parsed.data.programmeId) {
      throw new ValidationError('The request is invalid.', [{ field: 'query.programmeId', message: 'differs from the programmeId of the body' }]);
    }
    const rows = parsed.data.rows.map((value, i) => ({ value, fieldOf: (path: readonly PropertyKey[]) => jsonPointer(['rows', i, ...path]) }));
    return { programmeId: parsed.data.programmeId, format, rows };
  }
  throw new UnsupportedMediaTypeError('An import is a JSON (application/json) or a CSV (text/csv) list.');
}

/** Stores the rows sealed with the import's key (one key per import); returns them in plain for the runner of this instance. */
async function insertChunks(
  context: ServiceContext,
  model: ReturnType<typeof registerImportChunkModel>,
  jobId: string,
  chunkCount: number,
  { accepted, rejected }: ValidatedRows,
): Promise<ImportChunk[]> {
  const chunkOf = (row: number) => Math.floor((row - 1) / IMPORT_CHUNK_ROWS);
  const documents: ImportChunk[] = Array.from({ length: chunkCount }, (_x, index) => ({ _id: importChunkId(jobId, index), jobId, index, rows: [], rejected: [] }));
  for (const row of accepted) documents[chunkOf(row.row)]!.rows.push(row);
  for (const row of rejected) documents[chunkOf(row.row)]!.rejected.push(row);
  // A few chunks per insert keeps each message well under MongoDB's 48 MB limit.
  const sealed = await sealImportChunks(context.privacy, jobId, documents);
  for (let i = 0; i < sealed.length; i += 8) await model.collection.insertMany(sealed.slice(i, i + 8) as never[]);
  return documents;
}

/** text/csv bodies up to the import limit, with body-parser's errors as problem+json. */
function csvBody(): RequestHandler {
  const parse = express.text({ type: 'text/csv', limit: IMPORT_BODY_LIMIT });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if (error && (error as { type?: string }).type === 'entity.too.large') return next(new PayloadTooLargeError(`An import list is at most ${IMPORT_BODY_LIMIT}.`));
      next(error);
    });
}
