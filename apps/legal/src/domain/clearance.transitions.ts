import type { CaseClearedV1, CaseRejectedV2, ClearanceRequestedV1, EventData, RequirementCode } from '@homeward/contracts';
import { ForbiddenError, RuleViolationError } from '@homeward/errors';
import {
  activeHolds,
  hasRole,
  LegalFileStatus,
  requireStatus,
  requirementOf,
  RequirementStatus,
  Role,
  withStatus,
  type Actor,
  type LegalFileState,
  type Transition,
} from './legal-file.state';

function requireRole(actor: Actor, role: string, action: string): void {
  if (!hasRole(actor, role)) throw new ForbiddenError(`${action} is reserved to the ${role} role`, { requiredRole: role });
}

function requireNoActiveHold(file: LegalFileState, action: string): void {
  const holds = activeHolds(file);
  if (holds.length > 0) {
    throw new RuleViolationError('no-active-hold', `${action} is blocked by ${holds.length} active hold(s): ${holds.map((h) => `${h.holdId} (${h.category})`).join(', ')}`);
  }
}

/** First eye: a legal officer asks for clearance once every requirement is satisfied. */
export function requestClearance(file: LegalFileState, actor: Actor, now: Date): Transition<EventData<typeof ClearanceRequestedV1>> {
  requireRole(actor, Role.legalOfficer, 'requesting clearance');
  requireStatus(file, [LegalFileStatus.open], 'requesting clearance');
  const unsatisfied = file.requirements.filter((r) => r.status !== RequirementStatus.satisfied);
  if (unsatisfied.length > 0) {
    throw new RuleViolationError(
      'requirements-satisfied',
      `every requirement must be satisfied first; not yet: ${unsatisfied.map((r) => `${r.code} (${r.status})`).join(', ')}`,
    );
  }
  requireNoActiveHold(file, 'requesting clearance');
  const requestedAt = now.toISOString();
  return {
    state: {
      ...file,
      ...withStatus(file, { status: LegalFileStatus.clearanceRequested, at: requestedAt, by: actor.userId }),
      clearance: { requestedBy: actor.userId, requestedAt },
    },
    event: { caseId: file.caseId, requestedBy: actor.userId, requestedAt },
  };
}

/** Second eye: a supervisor who is not the requester approves; the case is cleared. */
export function approveClearance(file: LegalFileState, actor: Actor, now: Date): Transition<EventData<typeof CaseClearedV1>> {
  requireRole(actor, Role.supervisor, 'approving a clearance');
  requireStatus(file, [LegalFileStatus.clearanceRequested], 'approving a clearance');
  const requestedBy = file.clearance!.requestedBy;
  if (requestedBy === actor.userId) {
    throw new ForbiddenError(
      `four-eyes rule: ${actor.userId} requested this clearance and cannot also approve it; a different supervisor must`,
      { rule: 'four-eyes', requestedBy },
    );
  }
  requireNoActiveHold(file, 'approving a clearance');
  const clearedAt = now.toISOString();
  return {
    state: {
      ...file,
      ...withStatus(file, { status: LegalFileStatus.cleared, at: clearedAt, by: actor.userId }),
      clearance: { ...file.clearance!, approvedBy: actor.userId, clearedAt },
    },
    event: {
      caseId: file.caseId,
      programmeId: file.programmeId,
      destinationState: file.destinationState,
      clearedAt,
      approvedBy: [requestedBy, actor.userId],
    },
  };
}

export interface RejectCase {
  readonly requirement: RequirementCode;
  readonly reason: string;
}

/** A refused requirement may end the case's legal path; rejection is terminal. */
export function rejectCase(file: LegalFileState, command: RejectCase, actor: Actor, now: Date): Transition<EventData<typeof CaseRejectedV2>> {
  requireStatus(file, [LegalFileStatus.open], 'rejecting a case');
  const requirement = requirementOf(file, command.requirement);
  if (requirement.status !== RequirementStatus.refused) {
    throw new RuleViolationError(
      'requirement-refused',
      `a case is rejected only on a refused requirement; ${command.requirement} is ${requirement.status}`,
    );
  }
  const rejectedAt = now.toISOString();
  const rejection = { requirement: command.requirement, reason: command.reason, rejectedBy: actor.userId, rejectedAt };
  return {
    state: { ...file, ...withStatus(file, { status: LegalFileStatus.rejected, at: rejectedAt, by: actor.userId, note: command.reason }), rejection },
    event: { caseId: file.caseId, requirement: rejection.requirement, rejectedBy: rejection.rejectedBy, rejectedAt, personal: { reason: rejection.reason } },
  };
}
