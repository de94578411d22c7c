import { z } from 'zod';
import { CaseId, ProgrammeId, Timestamp } from '@homeward/contracts';
import { importStatuses, type ImportJobRecord, importTotals } from '../domain/import-job';
import { ImportRow, MAX_IMPORT_ROWS } from '../domain/import-rows';
import { CSV_COLUMNS } from '../domain/import-csv';
import type { Snapshot } from '@homeward/persistence';

export const ImportJsonRequest = z
  .object({
    programmeId: ProgrammeId,
    rows: z
      .array(ImportRow)
      .min(1)
      .max(MAX_IMPORT_ROWS)
      .describe('One child per row; each row is checked on its own and an invalid one is reported, not the whole list refused.'),
  })
  .strict();

/** The envelope only: rows are validated one by one (import-rows.ts) so one bad row does not refuse the list. */
export const ImportJsonEnvelope = z.object({ programmeId: ProgrammeId, rows: z.array(z.unknown()).min(1).max(MAX_IMPORT_ROWS) }).strict();

export const ImportQuery = z
  .object({ programmeId: ProgrammeId.optional().describe('Programme of a CSV list (a JSON list names it in the body).') })
  .strict();

export const ImportParams = z.object({ importId: z.uuid().describe('Id of the import job.') }).strict();

export const CSV_DESCRIPTION = `A CSV list with a header line; columns: ${Object.entries(CSV_COLUMNS)
  .map(([column, meaning]) => `${column} (${meaning})`)
  .join('; ')}. Needs ?programmeId=.`;

const Totals = z.object({
  rows: z.number().int().describe('Rows in the list.'),
  accepted: z.number().int().describe('Rows that passed validation and registration.'),
  rejected: z.number().int().describe('Rows refused, with the reasons in the report.'),
  created: z.number().int().describe('Cases this import created.'),
  alreadyImported: z.number().int().describe('Rows whose reference an earlier import of the programme already registered.'),
  duplicatesFlagged: z.number().int().describe('New potential duplicates stored for review.'),
  processed: z.number().int().describe('Accepted rows registered so far.'),
});

export const ImportJobView = z.object({
  importId: z.uuid(),
  programmeId: ProgrammeId,
  format: z.enum(['csv', 'json']),
  status: z.enum(importStatuses),
  totals: Totals,
  submittedAt: Timestamp,
  submittedBy: z.string(),
  startedAt: Timestamp.optional(),
  completedAt: Timestamp.optional(),
  failure: z.string().optional().describe('Why the import failed.'),
  version: z.number().int(),
});

export function importJobView(job: Snapshot<ImportJobRecord>): z.infer<typeof ImportJobView> {
  const { _id, programmeId, format, status, submittedAt, submittedBy, startedAt, completedAt, failure, version } = job;
  return {
    importId: _id,
    programmeId,
    format,
    status,
    totals: importTotals(job),
    submittedAt,
    submittedBy,
    ...(startedAt ? { startedAt } : {}),
    ...(completedAt ? { completedAt } : {}),
    ...(failure ? { failure } : {}),
    version,
  };
}

export const ImportReport = z.object({
  importId: z.uuid(),
  status: z.enum(importStatuses),
  accepted: z
    .array(
      z.object({
        row: z.number().int(),
        reference: z.string(),
        caseId: CaseId,
        outcome: z.enum(['created', 'already-imported', 'pending']).describe('pending until the row is registered.'),
      }),
    )
    .describe('Accepted rows, each with its case.'),
  rejected: z
    .array(
      z.object({
        row: z.number().int(),
        field: z.string().describe('CSV column or JSON Pointer into the row.'),
        reason: z.string(),
        rule: z.string().optional().describe('The eligibility rule broken, if that is the reason.'),
      }),
    )
    .describe('Rejected rows, one entry per invalid field.'),
});
