import { CaseAssignedV1, CaseClearedV1, LegalFileOpenedV1 } from '@homeward/contracts';
import { TransientError } from '@homeward/errors';
import { on, type HandlerRegistration } from '@homeward/messaging';
import { AggregateStore } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import { advanceStage, CaseStage } from '../domain/case-stage';
import { registerCaseModel, type CaseRecord } from '../store/case.model';

/** Intake's case shows where the other services have taken the child. */
export function caseStageHandlers(context: ServiceContext): HandlerRegistration[] {
  const cases = new AggregateStore<CaseRecord>(registerCaseModel(context.connection));

  const reach = (stage: CaseStage) => async (caseId: string, eventId: string) => {
    const current = await cases.find(caseId);
    // Intake wrote the case before publishing anything about it, so a missing
    // case can only be a lagging read: retry rather than lose the update.
    if (!current) throw new TransientError(`case ${caseId} not found yet`);
    await cases.applyOnce(caseId, eventId, { stage: advanceStage(current.stage, stage) }, []);
  };
  const inReview = reach(CaseStage.inLegalReview);
  const cleared = reach(CaseStage.cleared);
  const assigned = reach(CaseStage.assigned);

  return [
    on(LegalFileOpenedV1, (event) => inReview(event.data.caseId, event.id)),
    on(CaseClearedV1, (event) => cleared(event.data.caseId, event.id)),
    on(CaseAssignedV1, (event) => assigned(event.data.caseId, event.id)),
  ];
}
