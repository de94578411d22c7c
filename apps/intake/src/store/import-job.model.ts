import { Schema, type Connection, type Model } from 'mongoose';
import { aggregateModel, AggregateStore } from '@homeward/persistence';
import type { ImportJobRecord } from '../domain/import-job';
import type { AcceptedRow, RejectedRow } from '../domain/import-rows';
import type { StoredImportChunk } from './import-chunk.sealing';

const importJobSchema = new Schema(
  {
    _id: { type: String, required: true },
    programmeId: { type: String, required: true },
    format: { type: String, required: true },
    // Start-up finds the jobs to resume by status (a handful of documents).
    status: { type: String, required: true, index: true },
    submittedAt: { type: String, required: true },
    submittedBy: { type: String, required: true },
    startedAt: { type: String },
    completedAt: { type: String },
    failure: { type: String },
    rows: { type: Number, required: true },
    invalidRows: { type: Number, required: true },
    chunkCount: { type: Number, required: true },
    chunkResults: { type: [Schema.Types.Mixed], default: [] },
  },
  { collection: 'import_jobs', versionKey: false },
);

export const registerImportJobModel = aggregateModel<ImportJobRecord>('ImportJob', importJobSchema);

export const importJobStore = (connection: Connection) => new AggregateStore<ImportJobRecord>(registerImportJobModel(connection));

/** What registering one row did, kept with its chunk for the report. */
export type RowOutcome =
  | { readonly row: number; readonly caseId: string; readonly outcome: 'created' | 'already-imported' }
  | { readonly row: number; readonly outcome: 'rejected'; readonly field: string; readonly reason: string; readonly rule?: string };

/**
 * The rows of a job, IMPORT_CHUNK_ROWS per document: the valid ones as they
 * will be registered, the invalid ones as the report lists them, and once
 * registered what each row did. Stored before the job itself, read only by
 * `_id` (`<job>:<chunk>`).
 * Not an aggregate: written by the job's single runner; the job's commit of
 * a chunk result is what says the chunk is done. This is the plain form in
 * memory; at rest the rows are sealed (import-chunk.sealing.ts).
 */
export interface ImportChunk {
  _id: string;
  jobId: string;
  index: number;
  rows: AcceptedRow[];
  rejected: RejectedRow[];
  /** Written here by earlier versions; now in `import_outcomes`. */
  outcomes?: RowOutcome[];
}

export const importChunkId = (jobId: string, index: number) => `${jobId}:${String(index).padStart(6, '0')}`;

const importChunkSchema = new Schema(
  {
    _id: { type: String, required: true },
    jobId: { type: String, required: true },
    index: { type: Number, required: true },
    references: { type: [Schema.Types.Mixed] },
    sealed: { type: Schema.Types.Mixed },
    rows: { type: [Schema.Types.Mixed] },
    rejected: { type: [Schema.Types.Mixed], default: [] },
    outcomes: { type: [Schema.Types.Mixed] },
  },
  { collection: 'import_chunks', versionKey: false },
);

export function registerImportChunkModel(connection: Connection): Model<StoredImportChunk> {
  return (connection.models['ImportChunk'] as Model<StoredImportChunk> | undefined) ?? connection.model<StoredImportChunk>('ImportChunk', importChunkSchema);
}

/**
 * What registering a chunk's rows did, one document per chunk (`_id` = the
 * chunk's id). Inserted beside the chunk, so that the sealed rows (10 MB for
 * a 20,000-row list) are never rewritten.
 */
export interface ImportOutcomes {
  _id: string;
  outcomes: RowOutcome[];
}

const importOutcomesSchema = new Schema(
  { _id: { type: String, required: true }, outcomes: { type: [Schema.Types.Mixed], default: [] } },
  { collection: 'import_outcomes', versionKey: false },
);

export function registerImportOutcomesModel(connection: Connection): Model<ImportOutcomes> {
  return (
    (connection.models['ImportOutcomes'] as Model<ImportOutcomes> | undefined) ??
    connection.model<ImportOutcomes>('ImportOutcomes', importOutcomesSchema)
  );
}
