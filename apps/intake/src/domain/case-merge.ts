import { ConflictError, RuleViolationError } from '@homeward/errors';
import type { CaseMergedV1, EventData } from '@homeward/contracts';
import type { CaseRecord } from './case';
import { assertEditable } from './case-changes';
import { CaseStage } from './case-stage';
import { recordStageFact } from './case-stage-facts';

const travellingStages = new Set<string>([CaseStage.assigned, CaseStage.boarded, CaseStage.arrived, CaseStage.handedOver, CaseStage.closed]);

/**
 * Marks `caseId` as merged into `survivorCaseId` (for duplicate detection):
 * the case keeps its data and history and points to the survivor. The caller
 * writes `set` with a `case.merged.v1` built from `event`, whose id is `eventId`.
 */
export function mergeCaseInto(
  caseId: string,
  current: CaseRecord,
  survivorCaseId: string,
  now: Date,
  by: string,
  eventId: string,
): { set: Partial<CaseRecord>; event: EventData<typeof CaseMergedV1> } {
  if (survivorCaseId === caseId) throw new RuleViolationError('merge-distinct-cases', `case ${caseId} cannot be merged into itself`);
  assertEditable(caseId, current);
  if (travellingStages.has(current.stage)) {
    throw new ConflictError(`case ${caseId} is ${current.stage} on a movement: merge the other case into it instead`);
  }
  const at = now.toISOString();
  const view = recordStageFact(current.registeredAt, current.stageFacts, { kind: 'merged', eventId, at });
  return { set: { ...view, mergedInto: survivorCaseId, updatedAt: at, updatedBy: by }, event: { caseId, survivorCaseId, mergedAt: at } };
}
