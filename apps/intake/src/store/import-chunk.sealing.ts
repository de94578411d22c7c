import { isErased, isSealed, type Privacy, type SealedValue } from '@homeward/privacy';
import type { AcceptedRow, RejectedRow } from '../domain/import-rows';
import type { ImportChunk, RowOutcome } from './import-job.model';

/**
 * The rows of an import at rest: sealed with ONE data key per import in the
 * key vault (not per row: a 20,000-row list must stay fast), which the runner
 * crypto-shreds once the job has completed or failed. From then on the rows
 * of every chunk are unreadable; each child's data lives on in its own case,
 * under its own key. What stays in plain is what the report needs and names
 * no personal field: row numbers, row references (a register number), the
 * field of a refusal and the reason of a refusal by the schema. A refusal by
 * an eligibility rule quotes the birth date: its reason is sealed with the
 * rows, and after the shredding the report names only the rule.
 */
export const importKeyId = (jobId: string): string => `import:${jobId}`;

/** A chunk as `import_chunks` stores it. */
export interface StoredImportChunk {
  _id: string;
  jobId: string;
  index: number;
  /** Row and reference of each accepted row, for the report. */
  references?: Array<{ row: number; reference: string }>;
  /** `{ rows, rejected }` of the chunk, sealed under the import's key, bound to the chunk's index. */
  sealed?: SealedValue;
  /** Accepted rows in plain: only chunks stored before the rows were sealed. */
  rows?: AcceptedRow[];
  /** Refusals without any personal value (the sealed part holds the full ones). */
  rejected: RejectedRow[];
  outcomes?: RowOutcome[];
}

const sealedPath = (index: number) => `import_chunks.${index}`;

/** What a refusal by a rule keeps in plain: the rule, never the message that quotes the row's values. */
export const ruleOnlyReason = (rule: string): string => `refused by the rule ${rule} (the message quoting the row's values is not kept once the import has ended)`;

const withoutValues = (rejected: RejectedRow): RejectedRow => (rejected.rule ? { ...rejected, reason: ruleOnlyReason(rejected.rule) } : rejected);

/** Seals the chunks of one import with its key, created once before them. */
export async function sealImportChunks(privacy: Privacy, jobId: string, chunks: readonly ImportChunk[]): Promise<StoredImportChunk[]> {
  await privacy.vault.keyFor(importKeyId(jobId));
  return Promise.all(
    chunks.map(async ({ _id, index, rows, rejected }) => ({
      _id,
      jobId,
      index,
      references: rows.map(({ row, reference }) => ({ row, reference })),
      sealed: await privacy.seal(importKeyId(jobId), sealedPath(index), { rows, rejected }),
      rejected: rejected.map(withoutValues),
    })),
  );
}

/** The chunk's rows and refusals; `undefined` once the import's key was shredded. */
export async function openImportChunk(privacy: Privacy, stored: StoredImportChunk): Promise<ImportChunk | undefined> {
  const base = { _id: stored._id, jobId: stored.jobId, index: stored.index, ...(stored.outcomes ? { outcomes: stored.outcomes } : {}) };
  if (!isSealed(stored.sealed)) return { ...base, rows: stored.rows ?? [], rejected: stored.rejected };
  const opened = await privacy.open(importKeyId(stored.jobId), sealedPath(stored.index), stored.sealed);
  if (isErased(opened)) return undefined;
  const { rows, rejected } = opened as { rows: AcceptedRow[]; rejected: RejectedRow[] };
  return { ...base, rows, rejected };
}

/** The rows of a chunk as the report lists them, whether or not its key still exists. */
export async function reportRowsOf(privacy: Privacy, stored: StoredImportChunk): Promise<{ references: Array<{ row: number; reference: string }>; rejected: RejectedRow[] }> {
  const opened = await openImportChunk(privacy, stored);
  if (opened) return { references: opened.rows.map(({ row, reference }) => ({ row, reference })), rejected: opened.rejected };
  return { references: stored.references ?? [], rejected: stored.rejected };
}

/** Crypto-shreds the rows of an import that has ended. */
export function shredImportRows(privacy: Privacy, jobId: string): Promise<void> {
  return privacy.erase(importKeyId(jobId));
}
