import { CaseUnassignedV1, type EventEnvelope } from '@homeward/contracts';
import { PreconditionFailedError, TransientError } from '@homeward/errors';
import type { ServiceContext } from '@homeward/runtime';
import { MovementStatus, PassengerStatus } from '../domain/movement';
import { unassign } from '../domain/movement-transitions';
import type { LogisticsStores } from '../store/logistics.stores';

/**
 * Takes a case off the movement that seats it, when legal or intake took it
 * out of the pool (a hold, a rejection, a withdrawal, a merge). A second
 * write after the case copy's own: idempotent, because a case no longer on
 * the movement is left alone, so a redelivered event changes nothing. A child
 * who already boarded stays (holds are placed before boarding).
 */
export async function releaseSeat(
  stores: LogisticsStores,
  context: ServiceContext,
  caseId: string,
  reason: string,
  cause: EventEnvelope,
): Promise<void> {
  const copy = await stores.cases.find(caseId);
  if (!copy) return;
  const movement = await stores.facts.seatHolder(copy);
  if (!movement || movement.status !== MovementStatus.scheduled) return;
  if (movement.passengers.find((p) => p.caseId === caseId)?.status !== PassengerStatus.assigned) return;
  const next = unassign(movement, caseId);
  const at = new Date().toISOString();
  const event = context.events(
    CaseUnassignedV1,
    { caseId, movementId: movement._id, reason, unassignedAt: at },
    { correlationid: cause.correlationid, causationid: cause.id },
  );
  try {
    await stores.movements.update(
      movement._id,
      movement.version,
      { passengers: next.passengers, history: [...movement.history, { action: 'unassigned', by: `event:${cause.type}`, at, caseIds: [caseId] }] },
      [event],
      'movement',
    );
  } catch (error) {
    // An officer changed the movement meanwhile: read it again on the retry.
    if (error instanceof PreconditionFailedError) throw new TransientError(`movement ${movement._id} changed while releasing case ${caseId}`);
    throw error;
  }
  context.published();
  await stores.claims.release(movement._id, [caseId]);
}
