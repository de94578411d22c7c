import {
  CaseAssignedV1,
  CaseBoardedV1,
  CaseBoardingMissedV1,
  CaseClearedV1,
  CaseHandedOverV1,
  CaseHoldLiftedV1,
  CaseHoldPlacedV1,
  CaseRejectedV1,
  CaseUnassignedV1,
  LegalFileOpenedV1,
  MovementArrivedV1,
} from '@homeward/contracts';
import { TransientError } from '@homeward/errors';
import { on, onEvenIfErased, type HandlerRegistration } from '@homeward/messaging';
import type { ServiceContext } from '@homeward/runtime';
import type { StageFact } from '../domain/case-stage-facts';
import { CaseRepository } from '../store/case.repository';

/**
 * Intake's case shows where legal and logistics have taken the child. Each
 * event becomes a stage fact; the stage is derived from all of them, so the
 * order these topics arrive in does not matter (domain/case-stage-facts.ts).
 * `movement.departed.v1` has no effect per case: boarding already says who flew.
 */
export function caseStageHandlers(context: ServiceContext): HandlerRegistration[] {
  const cases = new CaseRepository(context.connection);

  const record = async (caseId: string, fact: StageFact) => {
    // Intake wrote the case before publishing anything about it, so a missing
    // case can only be a lagging read: retry rather than lose the fact.
    if ((await cases.recordFact(caseId, fact)) === 'missing') throw new TransientError(`case ${caseId} not found yet`);
  };

  return [
    on(LegalFileOpenedV1, ({ id, data }) => record(data.caseId, { kind: 'legal-file-opened', eventId: id, at: data.openedAt })),
    on(CaseClearedV1, ({ id, data }) => record(data.caseId, { kind: 'cleared', eventId: id, at: data.clearedAt })),
    onEvenIfErased(CaseRejectedV1, ({ id, data }) => record(data.caseId, { kind: 'rejected', eventId: id, at: data.rejectedAt })),
    onEvenIfErased(CaseHoldPlacedV1, ({ id, data }) =>
      record(data.caseId, { kind: 'hold-placed', eventId: id, at: data.placedAt, holdId: data.holdId }),
    ),
    on(CaseHoldLiftedV1, ({ id, data }) =>
      record(data.caseId, { kind: 'hold-lifted', eventId: id, at: data.liftedAt, holdId: data.holdId }),
    ),
    on(CaseAssignedV1, ({ id, data }) =>
      record(data.caseId, { kind: 'assigned', eventId: id, at: data.assignedAt, movementId: data.movementId }),
    ),
    on(CaseUnassignedV1, ({ id, data }) =>
      record(data.caseId, { kind: 'unassigned', eventId: id, at: data.unassignedAt, movementId: data.movementId }),
    ),
    on(CaseBoardedV1, ({ id, data }) =>
      record(data.caseId, { kind: 'boarded', eventId: id, at: data.boardedAt, movementId: data.movementId }),
    ),
    on(CaseBoardingMissedV1, ({ id, data }) =>
      record(data.caseId, { kind: 'boarding-missed', eventId: id, at: data.recordedAt, movementId: data.movementId }),
    ),
    onEvenIfErased(CaseHandedOverV1, ({ id, data }) =>
      record(data.caseId, { kind: 'handed-over', eventId: id, at: data.handedOverAt, movementId: data.movementId }),
    ),
    // Keyed by movement: one event, one write per case. A crash half-way
    // redelivers the event and the cases already written skip it (same event id).
    on(MovementArrivedV1, async ({ id, data }) => {
      for (const caseId of data.caseIds) {
        await record(caseId, { kind: 'arrived', eventId: id, at: data.arrivedAt, movementId: data.movementId });
      }
    }),
  ];
}
