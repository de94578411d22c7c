import { ConflictError } from '@homeward/errors';
import type { CaseWithdrawnV2, EventData } from '@homeward/contracts';
import type { CaseRecord } from './case';
import { withdrawableStages } from './case-stage';
import { recordStageFact } from './case-stage-facts';

/**
 * Withdraws a case from its programme. Once the child has boarded, the
 * journey is logistics' to finish (a no-show returns it to the cleared pool,
 * from where it can be withdrawn), so later stages refuse.
 */
export function withdrawCase(
  caseId: string,
  current: CaseRecord,
  reason: string,
  now: Date,
  by: string,
  eventId: string,
): { set: Partial<CaseRecord>; event: EventData<typeof CaseWithdrawnV2> } {
  if (!withdrawableStages.has(current.stage)) {
    throw new ConflictError(`case ${caseId} is ${current.stage}: only a case that has not boarded can be withdrawn`);
  }
  const at = now.toISOString();
  const view = recordStageFact(current.registeredAt, current.stageFacts, { kind: 'withdrawn', eventId, at });
  return {
    set: { ...view, withdrawal: { reason, at, by }, updatedAt: at, updatedBy: by },
    // The reason is free text that can name the child: it travels in the sealed personal part.
    event: { caseId, withdrawnAt: at, personal: { reason } },
  };
}
