import type { Connection, Model } from 'mongoose';
import { openDocuments } from '@homeward/persistence';
import { isErased } from '@homeward/privacy';
import type { Logger } from 'pino';
import { finalStages } from '../domain/case-stage';
import { duplicatePairId } from '../domain/import-ids';
import { DuplicateIndex, type DuplicateMatch } from '../domain/duplicate-index';
import { newDuplicate } from '../domain/duplicate-review';
import { caseSubject, prepareSubject, type DuplicateSubject } from '../domain/duplicate-scoring';
import type { CaseRecord } from '../domain/case';
import { registerCaseModel } from './case.model';
import { duplicateStore } from './duplicate.model';

export interface FoundDuplicate {
  readonly caseId: string;
  readonly match: DuplicateMatch;
}

const RELOAD_DELAY_MS = 1_000;

/**
 * Duplicate detection for one service instance: the in-memory index of the
 * cases (domain/duplicate-index.ts), loaded once at start from the cases'
 * current-state documents and then kept up to date by the commits this
 * service writes: the import adds its cases as it registers them, the
 * consumer of intake's own events adds cases registered one by one and drops
 * merged and withdrawn ones. With several intake instances each would see
 * only its partitions: the index assumes one instance (see the report).
 */
export class DuplicateDetector {
  readonly index = new DuplicateIndex();
  readonly ready: Promise<void>;
  private readonly duplicates;

  constructor(
    private readonly connection: Connection,
    private readonly logger: Logger,
  ) {
    this.duplicates = duplicateStore(connection);
    this.ready = this.loadUntilDone();
    // Observed by every detection; this keeps a load cut short by shutdown from being an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  /** The indexed cases `caseId` may duplicate; then indexes it, so the next registration is compared with it too. */
  check(caseId: string, subject: DuplicateSubject): FoundDuplicate[] {
    const prepared = prepareSubject(subject);
    const matches = this.index.matches(caseId, prepared);
    this.index.put(caseId, prepared);
    return matches.map((match) => ({ caseId, match }));
  }

  /** Indexes a case without checking it (a case the import already checked). */
  include(caseId: string, subject: DuplicateSubject): void {
    if (!this.index.has(caseId)) this.index.put(caseId, prepareSubject(subject));
  }

  forget(caseId: string): void {
    this.index.remove(caseId);
  }

  /**
   * Stores the pairs for review, one per pair whoever found it (the id is
   * derived from the two case ids): detection repeated after a crash or a
   * redelivery stores nothing twice. Returns how many pairs are new.
   */
  async flag(found: readonly FoundDuplicate[], now: Date, detectedBy: string): Promise<number> {
    const items = found.map(({ caseId, match }) => ({
      id: duplicatePairId(caseId, match.caseId),
      state: newDuplicate(caseId, match.caseId, match.score, now, detectedBy),
      events: [],
    }));
    return (await this.duplicates.createMany(items)).size;
  }

  async detect(caseId: string, subject: DuplicateSubject, detectedBy: string): Promise<number> {
    await this.ready;
    return this.flag(this.check(caseId, subject), new Date(), detectedBy);
  }

  private async loadUntilDone(): Promise<void> {
    for (;;) {
      try {
        return await this.load();
      } catch (error) {
        if (this.connection.readyState !== 1) throw error;
        this.logger.warn({ err: error }, 'could not load the duplicate index; retrying');
        await new Promise((resolve) => setTimeout(resolve, RELOAD_DELAY_MS));
      }
    }
  }

  private async load(): Promise<void> {
    const started = Date.now();
    const cases = registerCaseModel(this.connection);
    const cursor = cases.find({}, { personal: 1, sex: 1, stage: 1 }).lean().cursor();
    for await (const doc of cursor as AsyncIterable<Pick<CaseRecord, 'personal' | 'sex' | 'stage'> & { _id: string }>) {
      // A cursor bypasses the model's open-on-read hook; an erased child is no one's duplicate.
      await openDocuments(cases as unknown as Model<never>, [doc]);
      if (isErased(doc.personal)) continue;
      if (!finalStages.has(doc.stage)) this.index.put(doc._id, prepareSubject(caseSubject(doc.sex, doc.personal)));
    }
    this.logger.info({ cases: this.index.size, ms: Date.now() - started }, 'duplicate index loaded');
  }
}

const detectors = new WeakMap<Connection, DuplicateDetector>();

/** The one detector of a service instance (its connection), shared by the routes, the import and the consumer. */
export function duplicateDetectorFor(connection: Connection, logger: Logger): DuplicateDetector {
  let detector = detectors.get(connection);
  if (!detector) detectors.set(connection, (detector = new DuplicateDetector(connection, logger)));
  return detector;
}
