import { ConflictError } from '@homeward/errors';

export const ImportStatus = { queued: 'queued', running: 'running', completed: 'completed', failed: 'failed' } as const;
export type ImportStatus = (typeof ImportStatus)[keyof typeof ImportStatus];
export const importStatuses = Object.values(ImportStatus) as [ImportStatus, ...ImportStatus[]];

/** Rows per stored chunk and per registration batch: one insert of commits per chunk. */
export const IMPORT_CHUNK_ROWS = 500;

/** What registering one chunk of rows did. */
export interface ChunkResult {
  readonly created: number;
  readonly alreadyImported: number;
  /** Rows valid when submitted that registration refused (eligibility on a later day). */
  readonly rejected: number;
  readonly duplicatesFlagged: number;
}

/** An import job: the list's totals and how far the registration of its chunks has come. */
export interface ImportJobRecord {
  programmeId: string;
  format: 'csv' | 'json';
  status: ImportStatus;
  submittedAt: string;
  submittedBy: string;
  startedAt?: string;
  completedAt?: string;
  failure?: string;
  rows: number;
  /** Rows the validation refused. */
  invalidRows: number;
  chunkCount: number;
  /** Per chunk, once registered; the job's commit of a result is the record that the chunk is done. */
  chunkResults: Array<ChunkResult | null>;
}

export interface ImportTotals {
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly created: number;
  readonly alreadyImported: number;
  readonly duplicatesFlagged: number;
  /** Accepted rows registered so far (created, already imported or refused at registration). */
  readonly processed: number;
}

export function newImportJob(
  programmeId: string,
  format: ImportJobRecord['format'],
  rows: number,
  invalidRows: number,
  now: Date,
  by: string,
): ImportJobRecord {
  const chunkCount = Math.max(1, Math.ceil(rows / IMPORT_CHUNK_ROWS));
  return {
    programmeId,
    format,
    status: ImportStatus.queued,
    submittedAt: now.toISOString(),
    submittedBy: by,
    rows,
    invalidRows,
    chunkCount,
    chunkResults: Array.from({ length: chunkCount }, () => null),
  };
}

export function importTotals(job: ImportJobRecord): ImportTotals {
  const done = job.chunkResults.filter((r): r is ChunkResult => r !== null);
  const sum = (pick: (r: ChunkResult) => number) => done.reduce((n, r) => n + pick(r), 0);
  const created = sum((r) => r.created);
  const alreadyImported = sum((r) => r.alreadyImported);
  const lateRejected = sum((r) => r.rejected);
  const rejected = job.invalidRows + lateRejected;
  return {
    rows: job.rows,
    accepted: job.rows - rejected,
    rejected,
    created,
    alreadyImported,
    duplicatesFlagged: sum((r) => r.duplicatesFlagged),
    processed: created + alreadyImported + lateRejected,
  };
}

export function startImport(job: ImportJobRecord, now: Date): Partial<ImportJobRecord> {
  if (job.status !== ImportStatus.queued) throw new ConflictError(`the import is ${job.status}, not queued`);
  return { status: ImportStatus.running, startedAt: now.toISOString() };
}

/** Records a chunk's result; the job completes with its last chunk. */
export function recordChunk(job: ImportJobRecord, index: number, result: ChunkResult, now: Date): Partial<ImportJobRecord> {
  if (job.status !== ImportStatus.running) throw new ConflictError(`the import is ${job.status}, not running`);
  const chunkResults = job.chunkResults.map((r, i) => (i === index ? result : r));
  const finished = chunkResults.every((r) => r !== null);
  return { chunkResults, ...(finished ? { status: ImportStatus.completed, completedAt: now.toISOString() } : {}) };
}

export function failImport(job: ImportJobRecord, reason: string, now: Date): Partial<ImportJobRecord> {
  if (job.status === ImportStatus.completed) throw new ConflictError('the import has completed');
  return { status: ImportStatus.failed, failure: reason, completedAt: now.toISOString() };
}
