import { ConflictError, RuleViolationError } from '@homeward/errors';

export interface Seat {
  caseId: string;
  seat: number;
}

export interface MovementSeats {
  seats: number;
  assigned: Seat[];
}

/**
 * The walking skeleton's assignment rules: the case is cleared, not already on
 * this movement, and a seat is free. Seats are numbered from 1 and a freed
 * seat is reused. The lifecycle issue adds programme, sibling and escort rules.
 */
export function assignSeat(movement: MovementSeats, caseId: string, caseCleared: boolean): Seat {
  if (!caseCleared) {
    throw new RuleViolationError('case-cleared', `case ${caseId} has not been cleared by legal`);
  }
  if (movement.assigned.some((s) => s.caseId === caseId)) {
    throw new ConflictError(`case ${caseId} is already assigned to this movement`);
  }
  const taken = new Set(movement.assigned.map((s) => s.seat));
  for (let seat = 1; seat <= movement.seats; seat++) {
    if (!taken.has(seat)) return { caseId, seat };
  }
  throw new RuleViolationError('free-seat', `all ${movement.seats} seats of the movement are taken`);
}
