import { randomUUID } from 'node:crypto';
import type { ServiceContext } from '@homeward/runtime';
import type { CaseRecord } from '../domain/case';
import { dueForRetention, retainedStages, retentionErasure } from '../domain/case-erasure';
import { CaseRepository } from './case.repository';
import { eraseCase } from './case-erasure.writer';

export interface RetentionOptions {
  /** How long an ended case is kept. */
  readonly retentionMs: number;
  /** How often to look; 0 turns the job off. */
  readonly intervalMs: number;
}

export interface RetentionJob {
  /** One pass now: erases every case due; returns how many. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Erases closed, withdrawn and rejected cases once their retention period is
 * over. A scheduled scan rather than a TTL index: erasure must delete the child's key and publish `case.erased.v1`, which an
 * index expiry could not. Each erasure is conditional on the version read,
 * so two instances sweeping at once erase a case once.
 */
export function startRetentionJob(context: ServiceContext, options: RetentionOptions): RetentionJob {
  const cases = new CaseRepository(context.connection);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  const sweepOnce = async (): Promise<number> => {
    const now = new Date();
    const ended = (await cases.store.model
      .find({ stage: { $in: [...retainedStages] } }, { _id: 1, stage: 1, stageHistory: 1, erasure: 1 })
      .lean()
      .exec()) as unknown as Array<Pick<CaseRecord, 'stage' | 'stageHistory' | 'erasure'> & { _id: string }>;
    let erased = 0;
    for (const candidate of ended.filter((c) => dueForRetention(c, now, options.retentionMs))) {
      if (stopped) break;
      try {
        await eraseCase(
          context,
          cases,
          candidate._id,
          (current) => {
            if (!dueForRetention(current, new Date(), options.retentionMs)) throw new NotDueAnyMore();
            return retentionErasure(candidate._id, current, new Date(), options.retentionMs);
          },
          `retention:${randomUUID()}`,
        );
        erased++;
      } catch (error) {
        if (!(error instanceof NotDueAnyMore)) context.logger.warn({ err: error, caseId: candidate._id }, 'retention erasure failed; the next sweep retries');
      }
    }
    if (erased > 0) context.logger.info({ erased }, 'cases erased at the end of their retention period');
    return erased;
  };

  const sweep = (): Promise<number> => {
    running ??= sweepOnce().finally(() => (running = undefined));
    return running;
  };

  const schedule = () => {
    if (stopped || options.intervalMs <= 0) return;
    timer = setTimeout(() => {
      sweep()
        .catch((error: unknown) => context.logger.warn({ err: error }, 'retention sweep failed; will retry'))
        .finally(schedule);
    }, options.intervalMs);
    timer.unref();
  };
  schedule();

  return {
    sweep,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

class NotDueAnyMore extends Error {}
