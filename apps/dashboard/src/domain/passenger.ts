import type { CaseFact } from './case-fact';
import { currentSeat } from './case-stage';
import type { Passenger } from './escort-status';

/** The movement a case is a passenger of now, and as what; undefined when it has no seat. */
export function passengerOf(facts: readonly CaseFact[], medical: boolean): { movementId: string; passenger: Passenger } | undefined {
  const handover = facts.find((f) => f.kind === 'handed-over');
  if (handover && 'movementId' in handover) return { movementId: handover.movementId, passenger: { status: 'handed-over', medical } };
  const seat = currentSeat(facts);
  if (!seat) return undefined;
  const arrived = facts.some((f) => f.kind === 'arrived' && f.movementId === seat.movementId);
  return { movementId: seat.movementId, passenger: { status: arrived ? 'arrived' : seat.boarded ? 'boarded' : 'assigned', medical } };
}

/** Every movement the case was ever on: it must be listed on the current one at most. */
export function movementsOf(facts: readonly CaseFact[]): string[] {
  return [...new Set(facts.flatMap((f) => ('movementId' in f ? [f.movementId] : [])))];
}
