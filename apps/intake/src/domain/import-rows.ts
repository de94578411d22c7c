import { z } from 'zod';
import type { FieldViolation } from '@homeward/errors';
import { zodIssuesToViolations, type FieldNamer } from '@homeward/http';
import { eligibilityRefusal } from './case-eligibility';
import type { ProgrammeForRegistration, RegisterCaseInput } from './register-case';
import { RegisterCaseCommand } from './register-case.command';

/** Rows one import may hold: the 20,000 of DESIGN "Scale" and headroom. */
export const MAX_IMPORT_ROWS = 50_000;

export const RowReference = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .describe("The list's own reference of the row (a camp register number); a re-import of the same reference creates nothing.");

/** One row of a JSON import: a registration without the programme (the import names it once) plus the row reference. */
export const ImportRow = RegisterCaseCommand.omit({ programmeId: true }).extend({ rowReference: RowReference }).strict();

export interface AcceptedRow {
  /** Position in the list, from 1 (CSV: the first line after the header). */
  readonly row: number;
  readonly reference: string;
  readonly input: RegisterCaseInput;
}

export interface RejectedRow {
  readonly row: number;
  /** The CSV column or the JSON Pointer into the row. */
  readonly field: string;
  readonly reason: string;
  /** The eligibility rule the row breaks, when that is why. */
  readonly rule?: string;
}

export interface ValidatedRows {
  readonly accepted: AcceptedRow[];
  readonly rejected: RejectedRow[];
}

/** A row as the validator sees it: the object to check and how to name a field of it in the report. */
export interface CandidateRow {
  readonly value: unknown;
  readonly fieldOf: FieldNamer;
}

export const jsonPointer: FieldNamer = (path) => path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/**
 * Checks every row with the same zod schema as POST /cases (so a message names
 * the field the same way) and the programme's eligibility, and refuses a row
 * whose reference an earlier row of the list already used. Every problem of a
 * row is reported, one entry per field.
 */
export function validateImportRows(
  programmeId: string,
  programme: ProgrammeForRegistration,
  rows: readonly CandidateRow[],
  now: Date,
): ValidatedRows {
  const accepted: AcceptedRow[] = [];
  const rejected: RejectedRow[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach(({ value, fieldOf }, i) => {
    const row = i + 1;
    const parsed = ImportRow.safeParse(value);
    if (!parsed.success) {
      const violations: FieldViolation[] = zodIssuesToViolations(parsed.error.issues, value, fieldOf);
      for (const { field, message } of violations) rejected.push({ row, field, reason: message });
      return;
    }
    const { rowReference, ...command } = parsed.data;
    const earlier = firstRowOf.get(rowReference);
    if (earlier !== undefined) {
      rejected.push({ row, field: fieldOf(['rowReference']), reason: `repeats the reference of row ${earlier}` });
      return;
    }
    firstRowOf.set(rowReference, row);
    const refusal = eligibilityRefusal(programme.eligibility, command.birthDate, now);
    if (refusal) {
      rejected.push({ row, field: fieldOf(['birthDate']), reason: refusal.message, rule: refusal.rule });
      return;
    }
    accepted.push({ row, reference: rowReference, input: { ...command, programmeId, importReference: rowReference } });
  });
  return { accepted, rejected };
}
