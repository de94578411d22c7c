import {
  CaseAssignedV1,
  CaseHandedOverV1,
  Milestone,
  MovementArrivedV1,
  MovementCancelledV1,
  MovementRescheduledV1,
  type EventEnvelope,
} from '@homeward/contracts';
import { TransientError } from '@homeward/errors';
import { on, type HandlerRegistration } from '@homeward/messaging';
import { AggregateStore } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import { registerCaseMovementModel, type CaseMovementRecord } from '../store/case-movement.model';
import type { GuardianNotifier } from './guardian-notifier';

/**
 * The flight milestones. Movement events (keyed by movement) may overtake
 * the assignment (keyed by case) that told us which flight a case is on:
 * they wait for it (retriable) rather than write without airport and time.
 */
export function movementMilestoneHandlers(context: ServiceContext, { notify }: GuardianNotifier): HandlerRegistration[] {
  const movements = new AggregateStore<CaseMovementRecord>(registerCaseMovementModel(context.connection));

  const movementOf = async (caseId: string, movementId: string) => {
    const copy = await movements.find(caseId);
    if (!copy) throw new TransientError(`no movement known for case ${caseId} yet`);
    // The case has moved to another flight since: this event is not about its journey any more.
    return copy.movementId === movementId ? copy : undefined;
  };
  const remember = async (caseId: string, event: EventEnvelope, state: CaseMovementRecord) => {
    if ((await movements.applyOnce(caseId, event.id, state, [])) === 'missing') await movements.create(caseId, state, [], event.id);
  };

  return [
    on(CaseAssignedV1, async (event) => {
      const { caseId, movementId, flight } = event.data;
      await remember(caseId, event, { movementId, flight, cancelled: false });
      await notify(caseId, Milestone.assigned, { occurrence: movementId, flight }, event);
    }),
    on(MovementRescheduledV1, async (event) => {
      const { movementId, scheduledDeparture, caseIds } = event.data;
      for (const caseId of caseIds) {
        const copy = await movementOf(caseId, movementId);
        if (!copy) continue;
        const flight = { ...copy.flight, scheduledDeparture };
        await remember(caseId, event, { movementId, flight });
        await notify(caseId, Milestone.movementRescheduled, { occurrence: `${movementId}@${scheduledDeparture}`, flight }, event);
      }
    }),
    on(MovementCancelledV1, async (event) => {
      const { movementId, releasedCaseIds } = event.data;
      for (const caseId of releasedCaseIds) {
        const copy = await movementOf(caseId, movementId);
        if (!copy) continue;
        await remember(caseId, event, { movementId, flight: copy.flight, cancelled: true });
        await notify(caseId, Milestone.movementCancelled, { occurrence: movementId, flight: copy.flight }, event);
      }
    }),
    on(MovementArrivedV1, async (event) => {
      const { movementId, caseIds, arrivedAt } = event.data;
      for (const caseId of caseIds) {
        const copy = await movementOf(caseId, movementId);
        if (copy) await notify(caseId, Milestone.arrived, { flight: copy.flight, at: arrivedAt }, event);
      }
    }),
    on(CaseHandedOverV1, async (event) => {
      const { caseId, handedOverAt } = event.data;
      // The flight only sets the time zone here; without it the time is given in UTC.
      const copy = await movements.find(caseId);
      await notify(caseId, Milestone.handedOver, { ...(copy ? { flight: copy.flight } : {}), at: handedOverAt }, event);
    }),
  ];
}
