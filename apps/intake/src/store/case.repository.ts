import { PreconditionFailedError, TransientError } from '@homeward/errors';
import { AggregateStore, type Snapshot } from '@homeward/persistence';
import type { CaseRecord } from '../domain/case';
import { recordStageFact, type StageFact } from '../domain/case-stage-facts';
import { registerCaseModel } from './case.model';
import type { Connection, Model } from 'mongoose';

const MAX_ATTEMPTS = 8;

export type FactOutcome = 'applied' | 'duplicate' | 'missing';

/** Intake's cases: the aggregate store plus the stage facts other services' events feed in. */
export class CaseRepository {
  readonly store: AggregateStore<CaseRecord>;

  constructor(connection: Connection) {
    this.store = new AggregateStore<CaseRecord>(registerCaseModel(connection));
  }

  get model(): Model<never> {
    return this.store.model as unknown as Model<never>;
  }

  find(id: string): Promise<Snapshot<CaseRecord> | null> {
    return this.store.find(id);
  }

  /**
   * Records a fact and the stage derived from it, once per event id (the
   * fact list is the consumer's idempotency record, kept in the same commit).
   * The consumer handles legal's and logistics' partitions concurrently, so
   * two facts about one case can race: the commit is conditional on the
   * version read, and the loser reads again and recomputes
   * (AggregateStore.applyOnce would re-apply a `set` computed on the old
   * state and drop the winner's fact).
   */
  async recordFact(caseId: string, fact: StageFact): Promise<FactOutcome> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.store.find(caseId);
      if (!current) return 'missing';
      if (current.stageFacts.some((f) => f.eventId === fact.eventId)) return 'duplicate';
      const view = recordStageFact(current.registeredAt, current.stageFacts, fact);
      try {
        await this.store.update(caseId, current.version, view, [], 'case');
        return 'applied';
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
      }
    }
    throw new TransientError(`case ${caseId} kept changing while recording ${fact.kind}; will retry`);
  }

  /** Records that a guardian stopped the e-mails, once per guardian; conditional on the version read, like a stage fact. */
  async recordEmailOptOut(caseId: string, guardianId: string, at: string): Promise<FactOutcome> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.store.find(caseId);
      if (!current) return 'missing';
      const optOuts = current.guardianEmailOptOuts ?? [];
      if (optOuts.some((o) => o.guardianId === guardianId)) return 'duplicate';
      try {
        await this.store.update(caseId, current.version, { guardianEmailOptOuts: [...optOuts, { guardianId, at }] }, [], 'case');
        return 'applied';
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
      }
    }
    throw new TransientError(`case ${caseId} kept changing while recording an e-mail opt-out; will retry`);
  }
}
