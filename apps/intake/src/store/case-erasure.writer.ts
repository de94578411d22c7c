import { CaseErasedV1, type CaseErasedV1Data } from '@homeward/contracts';
import { PreconditionFailedError, TransientError } from '@homeward/errors';
import type { Snapshot } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import type { CaseRecord } from '../domain/case';
import type { CaseRepository } from './case.repository';

const MAX_ATTEMPTS = 5;

/**
 * Erases a child: deletes the data key first (crypto-shredding: from this
 * moment every sealed copy in every service, topic and dead letter is
 * unreadable), then commits the erased case with its `case.erased.v1`. A crash
 * between the two leaves the request approved-but-unrecorded; repeating the
 * approval (the key deletion is idempotent) records it.
 */
export async function eraseCase(
  context: ServiceContext,
  cases: CaseRepository,
  caseId: string,
  decide: (current: Snapshot<CaseRecord>) => { set: Partial<CaseRecord>; event: CaseErasedV1Data },
  correlationid: string,
): Promise<Snapshot<CaseRecord>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await cases.store.get(caseId, 'case');
    const { set, event } = decide(current);
    await context.privacy.erase(caseId);
    const pending = context.events(CaseErasedV1, event, { correlationid });
    try {
      const updated = await cases.store.update(caseId, current.version, set, [pending], 'case');
      context.published();
      return updated;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
  }
  throw new TransientError(`case ${caseId} kept changing while its erasure was recorded; the key is deleted, approve again to record it`);
}
