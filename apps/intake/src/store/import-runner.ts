import { randomUUID } from 'node:crypto';
import { CaseRegisteredV2 } from '@homeward/contracts';
import { RuleViolationError } from '@homeward/errors';
import type { PendingEvent, Snapshot } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import type { CaseRecord } from '../domain/case';
import { caseSubject } from '../domain/duplicate-scoring';
import { importedCaseId } from '../domain/import-ids';
import { failImport, ImportStatus, recordChunk, startImport, type ChunkResult, type ImportJobRecord } from '../domain/import-job';
import { registerCase, type ProgrammeForRegistration } from '../domain/register-case';
import { CaseRepository } from './case.repository';
import { duplicateDetectorFor, type DuplicateDetector, type FoundDuplicate } from './duplicate-detector';
import { isDuplicateKey } from '@homeward/persistence';
import {
  importChunkId,
  importJobStore,
  registerImportChunkModel,
  registerImportJobModel,
  registerImportOutcomesModel,
  type ImportChunk,
  type RowOutcome,
} from './import-job.model';
import { openImportChunk, ruleOnlyReason, shredImportRows, type StoredImportChunk } from './import-chunk.sealing';
import { findProgrammeDefinition } from './programme.repository';

/** Chunks registered at once: enough to overlap computing one with writing another, not to starve the API. */
const CONCURRENT_CHUNKS = 2;
const CHUNK_ATTEMPTS = 3;

/**
 * Registers the rows of import jobs in the background, chunk by chunk, and
 * resumes at start the jobs a stop or a crash left queued or running. Every
 * step can be repeated: a case's id is derived from its row reference (an
 * existing one is "already imported"), a duplicate pair's from its cases, and
 * a chunk counts once the job's commit records its result.
 */
export class ImportRunner {
  private readonly jobs;
  private readonly chunks;
  private readonly outcomes;
  /** Rows of jobs submitted to this instance, so their first run does not read back what was just stored. */
  private readonly submitted = new Map<string, ImportChunk>();
  private readonly cases;
  private readonly detector: DuplicateDetector;
  private readonly active = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(private readonly context: ServiceContext) {
    this.jobs = importJobStore(context.connection);
    this.chunks = registerImportChunkModel(context.connection);
    this.outcomes = registerImportOutcomesModel(context.connection);
    this.cases = new CaseRepository(context.connection);
    this.detector = duplicateDetectorFor(context.connection, context.logger);
  }

  /** Starts a job in the background unless it runs already; `chunks` are its stored rows, when at hand. */
  start(jobId: string, chunks: readonly ImportChunk[] = []): void {
    if (this.stopping || this.active.has(jobId)) return;
    for (const chunk of chunks) this.submitted.set(chunk._id, chunk);
    const run = this.run(jobId)
      .catch((error: unknown) => {
        if (!this.stopping) this.context.logger.error({ err: error, jobId }, 'import stopped; it resumes at the next start');
      })
      .finally(() => {
        this.active.delete(jobId);
        for (const id of this.submitted.keys()) if (id.startsWith(`${jobId}:`)) this.submitted.delete(id);
      });
    this.active.set(jobId, run);
  }

  /** Picks up the jobs a stop or a crash left unfinished. */
  async resumeUnfinished(): Promise<void> {
    const model = registerImportJobModel(this.context.connection);
    const unfinished = await model.find({ status: { $in: [ImportStatus.queued, ImportStatus.running] } }, { _id: 1 }).lean().exec();
    for (const { _id } of unfinished) this.start(String(_id));
    if (unfinished.length > 0) this.context.logger.info({ jobs: unfinished.length }, 'resuming unfinished imports');
  }

  /** Lets the chunks in hand finish, starts no more; the jobs stay `running` and resume at the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.active.values()]);
  }

  private async run(jobId: string): Promise<void> {
    let job = await this.jobs.get(jobId, 'import');
    if (job.status === ImportStatus.completed || job.status === ImportStatus.failed) return this.shred(jobId);
    const resumed = job.status === ImportStatus.running;
    await this.detector.ready;
    const programme = await findProgrammeDefinition(this.context.connection, job.programmeId);
    if (!programme) {
      await this.jobs.update(jobId, job.version, failImport(job, `programme ${job.programmeId} no longer exists`, new Date()), []);
      return this.shred(jobId);
    }
    if (job.status === ImportStatus.queued) job = await this.jobs.update(jobId, job.version, startImport(job, new Date()), []);

    const pending = job.chunkResults.flatMap((r, i) => (r === null ? [i] : []));
    // One writer of the job per run: chunk results are committed one after another.
    let commits = Promise.resolve();
    const commitResult = (index: number, result: ChunkResult) =>
      (commits = commits.then(async () => {
        job = await this.jobs.update(jobId, job.version, recordChunk(job, index, result, new Date()), []);
      }));
    const next = () => pending.shift();
    const worker = async () => {
      for (let index = next(); index !== undefined && !this.stopping; index = next()) {
        const result = await this.withAttempts(() => this.registerChunk(jobId, job, programme, index, resumed));
        await commitResult(index, result);
      }
    };
    try {
      await Promise.all(Array.from({ length: CONCURRENT_CHUNKS }, worker));
      await commits;
    } catch (error) {
      if (this.stopping) throw error;
      await commits.catch(() => undefined);
      await this.jobs.update(jobId, job.version, failImport(job, (error as Error).message, new Date()), []);
      await this.shred(jobId);
      throw error;
    }
    if (job.status === ImportStatus.completed) await this.shred(jobId);
  }

  /**
   * The rows have served their purpose once the job has ended: every child
   * is in its own case under its own key. Deleting the import's key makes
   * every stored chunk unreadable, whatever copies of them exist.
   */
  private async shred(jobId: string): Promise<void> {
    await shredImportRows(this.context.privacy, jobId);
  }

  private async withAttempts<T>(action: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await action();
      } catch (error) {
        if (this.stopping || attempt >= CHUNK_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
  }

  /** Registers one chunk's rows: one insert of cases, duplicate detection in memory, one insert of pairs. */
  private async registerChunk(
    jobId: string,
    job: Snapshot<ImportJobRecord>,
    programme: ProgrammeForRegistration,
    index: number,
    resumed: boolean,
  ): Promise<ChunkResult> {
    const chunkId = importChunkId(jobId, index);
    const chunk = this.submitted.get(chunkId) ?? (await this.storedChunk(chunkId));
    if (!chunk) throw new Error(`import ${jobId} lost its chunk ${index}`);
    const now = new Date();
    const outcomes: RowOutcome[] = [];
    const registered: Array<{ row: number; caseId: string; record: CaseRecord; event: PendingEvent }> = [];
    for (const { row, reference, input } of chunk.rows) {
      const caseId = importedCaseId(job.programmeId, reference);
      const outcome = registerCase(programme, input, now, { caseId, guardianId: randomUUID }, job.submittedBy);
      if (outcome instanceof RuleViolationError) {
        // Stored in plain: the rule, not the message, which quotes the birth date.
        outcomes.push({ row, outcome: 'rejected', field: 'birthDate', reason: ruleOnlyReason(outcome.rule), rule: outcome.rule });
        continue;
      }
      const event = this.context.events(CaseRegisteredV2, outcome.event, { correlationid: jobId });
      registered.push({ row, caseId, record: { ...outcome.record, importJobId: jobId }, event });
    }
    const created = await this.cases.store.createMany(registered.map((r) => ({ id: r.caseId, state: r.record, events: [r.event] })));
    // After a crash mid-chunk, a case found existing may be this job's own:
    // its registration event carries the job id as correlation id.
    const ownEarlier = resumed ? await this.createdByJob(jobId, registered.map((r) => r.caseId).filter((id) => !created.has(id))) : new Set<string>();

    const found: FoundDuplicate[] = [];
    for (const { row, caseId, record } of registered) {
      const isNew = created.has(caseId) || ownEarlier.has(caseId);
      outcomes.push({ row, caseId, outcome: isNew ? 'created' : 'already-imported' });
      const subject = caseSubject(record.sex, record.personal);
      if (isNew) found.push(...this.detector.check(caseId, subject));
      else this.detector.include(caseId, subject);
    }
    const duplicatesFlagged = await this.detector.flag(found, now, `import:${jobId}`);
    if (created.size > 0) this.context.published();
    outcomes.sort((a, b) => a.row - b.row);
    // A repeated chunk finds its outcomes stored already: the same ones, as a case's id is its row's.
    await this.outcomes.collection.insertOne({ _id: chunkId, outcomes } as never).catch((error: unknown) => {
      if (!isDuplicateKey(error)) throw error;
    });
    this.submitted.delete(chunkId);
    return {
      created: outcomes.filter((o) => o.outcome === 'created').length,
      alreadyImported: outcomes.filter((o) => o.outcome === 'already-imported').length,
      rejected: outcomes.filter((o) => o.outcome === 'rejected').length,
      duplicatesFlagged,
    };
  }

  /** A chunk as stored, opened with the import's key; undefined when it is missing or its key was shredded. */
  private async storedChunk(chunkId: string): Promise<ImportChunk | undefined> {
    const stored = (await this.chunks.findOne({ _id: chunkId }).lean().exec()) as StoredImportChunk | null;
    return stored ? openImportChunk(this.context.privacy, stored) : undefined;
  }

  /** Of the given cases, those this job created (a resumed chunk's own, from before the crash). */
  private async createdByJob(jobId: string, caseIds: readonly string[]): Promise<Set<string>> {
    if (caseIds.length === 0) return new Set();
    const own = await this.cases.model.collection.find({ _id: { $in: [...caseIds] }, importJobId: jobId } as never, { projection: { _id: 1 } }).toArray();
    return new Set(own.map((c) => String(c._id)));
  }
}

const runners = new Map<ServiceContext['connection'], ImportRunner>();

/** The one runner of a service instance. */
export function importRunnerFor(context: ServiceContext): ImportRunner {
  let runner = runners.get(context.connection);
  if (!runner) runners.set(context.connection, (runner = new ImportRunner(context)));
  return runner;
}

/** Stops every runner of this process (the service's close hook); their jobs resume at the next start. */
export async function stopImportRunners(): Promise<void> {
  const all = [...runners.values()];
  runners.clear();
  await Promise.all(all.map((r) => r.stop()));
}
