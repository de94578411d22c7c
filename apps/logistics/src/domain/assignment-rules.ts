import { CaseStanding, type CaseFacts } from './case-facts';
import { escortViolations, type ChildOnBoard } from './escort-rules';
import { MovementStatus, PassengerStatus, type MovementState, type Passenger, type ProgrammeFacts } from './movement';
import { AssignmentRule, refuseIfAny, type Violation } from './rule-violations.error';

export interface AssignmentRequest {
  movement: Pick<MovementState, 'programmeId' | 'status' | 'seats' | 'passengers' | 'escorts' | 'flight'>;
  /** Null when logistics has not (yet) heard of the movement's programme. */
  programme: ProgrammeFacts | null;
  caseIds: readonly string[];
  /** Facts of the requested cases, their siblings and the children already on board. */
  cases: ReadonlyMap<string, CaseFacts>;
  assignedAt: string;
}

const standingMessage = (facts: CaseFacts): string =>
  ({
    [CaseStanding.notCleared]: `case ${facts.caseId} has not been cleared by legal`,
    [CaseStanding.out]: `case ${facts.caseId} has left the programme${facts.note ? ` (${facts.note})` : ''}`,
    [CaseStanding.assignedElsewhere]: `case ${facts.caseId} already holds a seat on movement ${facts.note ?? 'another movement'}`,
    [CaseStanding.travelled]: `case ${facts.caseId} already travelled on movement ${facts.note ?? 'another movement'}`,
    [CaseStanding.cleared]: '',
  })[facts.standing];

/** Siblings of a case in either direction: intake may have recorded the link on one side only. */
export function siblingsOf(caseId: string, cases: ReadonlyMap<string, CaseFacts>): Set<string> {
  const siblings = new Set(cases.get(caseId)?.siblingCaseIds ?? []);
  for (const other of cases.values()) if (other.siblingCaseIds.includes(caseId)) siblings.add(other.caseId);
  siblings.delete(caseId);
  return siblings;
}

/** A sibling who could travel (cleared, in the pool or seated on a movement not yet left) must travel with the child. */
const mustTravelTogether = (sibling: CaseFacts | undefined): boolean =>
  sibling !== undefined && (sibling.standing === CaseStanding.cleared || sibling.standing === CaseStanding.assignedElsewhere);

/**
 * Every rule of an assignment, checked all at once so that one refusal names
 * every failing rule (DESIGN "Logistics"). Pure: the caller reads the facts
 * and writes the result.
 */
export function assignmentViolations(request: AssignmentRequest): Violation[] {
  const { movement, programme, caseIds, cases } = request;
  const violations: Violation[] = [];
  const onBoard = new Set(movement.passengers.map((p) => p.caseId));
  const requested = new Set(caseIds);

  if (movement.status !== MovementStatus.scheduled) {
    violations.push({ rule: AssignmentRule.movementOpen, message: `the movement is ${movement.status} and takes no more children` });
  }
  if (!programme) {
    violations.push({ rule: AssignmentRule.programmeActive, message: `programme ${movement.programmeId} is not known to logistics (yet)` });
  } else if (programme.status !== 'active') {
    const why = programme.suspendedReason ? `: ${programme.suspendedReason}` : '';
    violations.push({ rule: AssignmentRule.programmeActive, message: `programme ${programme.programmeId} is suspended${why}` });
  }

  for (const caseId of caseIds) {
    const facts = cases.get(caseId);
    if (onBoard.has(caseId)) {
      violations.push({ rule: AssignmentRule.caseCleared, caseId, message: `case ${caseId} is already on this movement` });
      continue;
    }
    if (!facts) {
      violations.push({ rule: AssignmentRule.caseCleared, caseId, message: `case ${caseId} is not known to logistics (not cleared)` });
      continue;
    }
    if (facts.standing !== CaseStanding.cleared) {
      violations.push({ rule: AssignmentRule.caseCleared, caseId, message: standingMessage(facts) });
    }
    if (facts.programmeId !== movement.programmeId) {
      violations.push({
        rule: AssignmentRule.sameProgramme,
        caseId,
        message: `case ${caseId} belongs to programme ${facts.programmeId}, the movement to ${movement.programmeId}`,
      });
    }
    if (facts.onHold) violations.push({ rule: AssignmentRule.notOnHold, caseId, message: `case ${caseId} is on hold` });
    const leftBehind = [...siblingsOf(caseId, cases)].filter(
      (s) => !requested.has(s) && !onBoard.has(s) && mustTravelTogether(cases.get(s)),
    );
    if (leftBehind.length > 0) {
      violations.push({
        rule: AssignmentRule.siblingsTogether,
        caseId,
        message: `case ${caseId} travels with its cleared siblings: add ${leftBehind.join(', ')} to this request`,
      });
    }
  }

  const free = movement.seats - movement.passengers.length;
  if (caseIds.length > free) {
    violations.push({ rule: AssignmentRule.freeSeats, message: `${caseIds.length} seats requested, ${free} of ${movement.seats} free` });
  }

  if (programme) {
    const children = [...onBoard, ...caseIds]
      .map((id) => cases.get(id))
      .filter((c): c is CaseFacts => c !== undefined) as ChildOnBoard[];
    violations.push(...escortViolations(children, movement.escorts, programme.escortPolicy, movement.flight.scheduledDeparture));
  }
  return violations;
}

/** Seats numbered from 1; a freed seat is given again, in the order the cases were requested. */
export function allocateSeats(seats: number, passengers: readonly Passenger[], caseIds: readonly string[]): number[] {
  const taken = new Set(passengers.map((p) => p.seat));
  const free: number[] = [];
  for (let seat = 1; seat <= seats && free.length < caseIds.length; seat++) if (!taken.has(seat)) free.push(seat);
  return free;
}

/** The movement's passengers after the assignment, or a RulesViolatedError naming every failing rule. */
export function assignCases(request: AssignmentRequest): { passengers: Passenger[]; added: Passenger[] } {
  refuseIfAny(assignmentViolations(request));
  const seats = allocateSeats(request.movement.seats, request.movement.passengers, request.caseIds);
  const added = request.caseIds.map((caseId, i) => ({
    caseId,
    seat: seats[i]!,
    status: PassengerStatus.assigned,
    assignedAt: request.assignedAt,
  }));
  return { passengers: [...request.movement.passengers, ...added], added };
}
