import { ConflictError, NotFoundError } from '@homeward/errors';
import type { Flight } from '@homeward/contracts';
import { escortViolations, type ChildOnBoard } from './escort-rules';
import {
  MovementStatus,
  PassengerStatus,
  type Escort,
  type EscortPolicy,
  type Handover,
  type MovementState,
  type Passenger,
  type ProgrammeFacts,
} from './movement';
import { AssignmentRule, refuseIfAny } from './rule-violations.error';

/**
 * The movement's state machine, pure: scheduled → departed → arrived, or
 * scheduled → cancelled; per child assigned → boarded → handed-over (a no-show
 * or an unassignment leaves the movement). A transition the state does not
 * allow throws ConflictError (409) naming the state; a broken rule throws
 * RulesViolatedError (422). Nothing is changed on a refusal: every function
 * returns a new state.
 */
export function scheduleMovement(programmeId: string, flight: Flight, seats: number, scheduledAt: string): MovementState {
  return { programmeId, flight, seats, status: MovementStatus.scheduled, escorts: [], passengers: [], noShows: [], scheduledAt };
}

function requireStatus(state: MovementState, allowed: MovementState['status'], action: string): void {
  if (state.status !== allowed) {
    throw new ConflictError(`cannot ${action}: the movement is ${state.status}, and only a ${allowed} movement can`, { state: state.status });
  }
}

function passenger(state: MovementState, caseId: string, action: string): Passenger {
  const found = state.passengers.find((p) => p.caseId === caseId);
  if (!found) throw new ConflictError(`cannot ${action}: case ${caseId} holds no seat on this movement`, { state: 'not-assigned' });
  return found;
}

function requirePassengerStatus(p: Passenger, allowed: Passenger['status'], action: string): void {
  if (p.status !== allowed) {
    throw new ConflictError(`cannot ${action}: case ${p.caseId} is ${p.status}, not ${allowed}`, { state: p.status });
  }
}

const replace = (state: MovementState, updated: Passenger): Passenger[] =>
  state.passengers.map((p) => (p.caseId === updated.caseId ? updated : p));

export function reschedule(state: MovementState, scheduledDeparture: string, children: readonly ChildOnBoard[], policy: EscortPolicy | null) {
  requireStatus(state, MovementStatus.scheduled, 'reschedule');
  // A child is an infant or not on the departure date: a new date can change the escorts needed.
  if (policy) refuseIfAny(escortViolations(children, state.escorts, policy, scheduledDeparture));
  const previousDeparture = state.flight.scheduledDeparture;
  return { state: { ...state, flight: { ...state.flight, scheduledDeparture } }, previousDeparture };
}

export function cancel(state: MovementState, reason: string, at: string) {
  requireStatus(state, MovementStatus.scheduled, 'cancel');
  const released = state.passengers.map((p) => p.caseId);
  return {
    state: { ...state, status: MovementStatus.cancelled, passengers: [], cancelReason: reason, cancelledAt: at, releasedCaseIds: released },
    released,
  };
}

export function addEscort(state: MovementState, escort: Escort): MovementState {
  requireStatus(state, MovementStatus.scheduled, 'add an escort');
  return { ...state, escorts: [...state.escorts, escort] };
}

export function removeEscort(state: MovementState, escortId: string, children: readonly ChildOnBoard[], policy: EscortPolicy | null) {
  requireStatus(state, MovementStatus.scheduled, 'remove an escort');
  if (!state.escorts.some((e) => e.escortId === escortId)) throw new NotFoundError(`escort ${escortId} is not on this movement`);
  const escorts = state.escorts.filter((e) => e.escortId !== escortId);
  if (policy) refuseIfAny(escortViolations(children, escorts, policy, state.flight.scheduledDeparture));
  return { ...state, escorts };
}

export function unassign(state: MovementState, caseId: string): MovementState {
  requireStatus(state, MovementStatus.scheduled, 'unassign a case');
  requirePassengerStatus(passenger(state, caseId, 'unassign'), PassengerStatus.assigned, 'unassign');
  return { ...state, passengers: state.passengers.filter((p) => p.caseId !== caseId) };
}

export function board(state: MovementState, caseId: string, onHold: boolean, at: string): MovementState {
  requireStatus(state, MovementStatus.scheduled, 'board');
  const seated = passenger(state, caseId, 'board');
  requirePassengerStatus(seated, PassengerStatus.assigned, 'board');
  refuseIfAny(onHold ? [{ rule: AssignmentRule.notOnHold, caseId, message: `case ${caseId} is on hold and may not board` }] : []);
  return { ...state, passengers: replace(state, { ...seated, status: PassengerStatus.boarded, boardedAt: at }) };
}

export function recordNoShow(state: MovementState, caseId: string, reason: string, at: string): MovementState {
  requireStatus(state, MovementStatus.scheduled, 'record a no-show');
  requirePassengerStatus(passenger(state, caseId, 'record a no-show'), PassengerStatus.assigned, 'record a no-show');
  return {
    ...state,
    passengers: state.passengers.filter((p) => p.caseId !== caseId),
    noShows: [...state.noShows, { caseId, reason, recordedAt: at }],
  };
}

export const NOT_BOARDED_AT_DEPARTURE = 'not boarded when the movement departed';

/** Only boarded children travel; the others are no-shows and go back to the cleared pool. */
export function depart(state: MovementState, programme: ProgrammeFacts | null, at: string) {
  requireStatus(state, MovementStatus.scheduled, 'depart');
  if (programme?.status === 'suspended') {
    refuseIfAny([{ rule: AssignmentRule.programmeActive, message: `programme ${programme.programmeId} is suspended: the movement may not leave` }]);
  }
  const travelling = state.passengers.filter((p) => p.status === PassengerStatus.boarded);
  const missed = state.passengers.filter((p) => p.status !== PassengerStatus.boarded).map((p) => p.caseId);
  return {
    state: {
      ...state,
      status: MovementStatus.departed,
      departedAt: at,
      passengers: travelling,
      noShows: [...state.noShows, ...missed.map((caseId) => ({ caseId, reason: NOT_BOARDED_AT_DEPARTURE, recordedAt: at }))],
    },
    travelling: travelling.map((p) => p.caseId),
    missed,
  };
}

export function arrive(state: MovementState, at: string): MovementState {
  requireStatus(state, MovementStatus.departed, 'record the arrival');
  return { ...state, status: MovementStatus.arrived, arrivedAt: at };
}

/** Closes the child's journey; only after arrival, once per child. */
export function handOver(state: MovementState, caseId: string, handover: Handover): MovementState {
  requireStatus(state, MovementStatus.arrived, 'hand over a child');
  const travelled = passenger(state, caseId, 'hand over');
  requirePassengerStatus(travelled, PassengerStatus.boarded, 'hand over');
  return { ...state, passengers: replace(state, { ...travelled, status: PassengerStatus.handedOver, handover }) };
}
