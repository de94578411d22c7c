import type { EventData, RequirementCode, RequirementDecidedV2, RequirementEvidenceAttachedV1 } from '@homeward/contracts';
import { RequirementCode as Code } from '@homeward/contracts';
import { ConflictError, ForbiddenError, RuleViolationError } from '@homeward/errors';
import {
  Decision,
  hasRole,
  isScreening,
  LegalFileStatus,
  replaceRequirement,
  requireStatus,
  requirementOf,
  RequirementStatus,
  Role,
  type Actor,
  type EvidenceDetails,
  type GuardianBasis,
  type LegalFileState,
  type Transition,
} from './legal-file.state';

/**
 * The reason published for a screening decision: the event goes to every
 * consumer, and outside the screening role only the outcome may be known
 * (DESIGN "Legal"). The real reason stays in the file.
 */
export const SCREENING_PUBLIC_REASON = 'Security screening outcome recorded; the reasons are restricted to the screening role.';

/** Screening details are written and read by the screening role only. */
function requireScreeningRole(code: RequirementCode, actor: Actor, action: string): void {
  if (isScreening(code) && !hasRole(actor, Role.screeningOfficer)) {
    throw new ForbiddenError(`${action} on ${code} is reserved to the ${Role.screeningOfficer} role`, { requiredRole: Role.screeningOfficer });
  }
}

export interface AttachEvidence {
  readonly requirement: RequirementCode;
  readonly evidenceId: string;
  readonly details: EvidenceDetails;
}

export function attachEvidence(
  file: LegalFileState,
  command: AttachEvidence,
  actor: Actor,
  now: Date,
): Transition<EventData<typeof RequirementEvidenceAttachedV1>> {
  requireScreeningRole(command.requirement, actor, 'attaching evidence');
  requireStatus(file, [LegalFileStatus.open], 'attaching evidence');
  const requirement = requirementOf(file, command.requirement);
  const attachedAt = now.toISOString();
  const evidence = { ...command.details, evidenceId: command.evidenceId, attachedBy: actor.userId, attachedAt };
  return {
    state: { ...file, requirements: replaceRequirement(file, { ...requirement, evidence: [...requirement.evidence, evidence] }) },
    event: {
      caseId: file.caseId,
      requirement: command.requirement,
      evidenceId: command.evidenceId,
      kind: command.details.kind,
      attachedBy: actor.userId,
      attachedAt,
    },
  };
}

export interface DecideRequirement {
  readonly requirement: RequirementCode;
  readonly decision: Decision;
  readonly reason: string;
  readonly basis?: GuardianBasis;
}

/**
 * pending → satisfied | refused; refused → satisfied on new evidence (before
 * a rejection). A satisfied requirement stays satisfied.
 */
export function decideRequirement(
  file: LegalFileState,
  command: DecideRequirement,
  actor: Actor,
  now: Date,
): Transition<EventData<typeof RequirementDecidedV2>> {
  const { requirement: code, decision, reason, basis } = command;
  requireScreeningRole(code, actor, 'deciding');
  requireStatus(file, [LegalFileStatus.open], 'deciding a requirement');
  const requirement = requirementOf(file, code);
  if (requirement.status === RequirementStatus.satisfied || (requirement.status === RequirementStatus.refused && decision === Decision.refused)) {
    throw new ConflictError(`requirement ${code} is already ${requirement.status}`, { requirementStatus: requirement.status });
  }
  checkGuardianBasis(code, decision, basis);
  const evidenceIds = requirement.evidence.map((e) => e.evidenceId);
  if (decision === Decision.satisfied && !isScreening(code)) {
    if (evidenceIds.length === 0) {
      throw new RuleViolationError('evidence-required', `requirement ${code} cannot be satisfied without evidence: attach at least one document or DNA result`);
    }
    const refusal = requirement.decisions.at(-1);
    if (refusal && evidenceIds.every((id) => refusal.evidenceIds.includes(id))) {
      throw new RuleViolationError('evidence-required', `requirement ${code} was refused on the evidence it has: attach new evidence before deciding it satisfied`);
    }
  }
  const decidedAt = now.toISOString();
  const record = { decision, reason, ...(basis ? { basis } : {}), evidenceIds, decidedBy: actor.userId, decidedAt };
  return {
    state: {
      ...file,
      requirements: replaceRequirement(file, { ...requirement, status: decision, decisions: [...requirement.decisions, record] }),
    },
    event: {
      caseId: file.caseId,
      requirement: code,
      decision,
      decidedBy: actor.userId,
      decidedAt,
      personal: { reason: isScreening(code) ? SCREENING_PUBLIC_REASON : reason },
    },
  };
}

/** The basis says which of the guardian requirement's two ways was taken; it means nothing elsewhere. */
function checkGuardianBasis(code: RequirementCode, decision: Decision, basis: GuardianBasis | undefined): void {
  const satisfiesGuardian = code === Code.guardianApproved && decision === Decision.satisfied;
  if (satisfiesGuardian && !basis) {
    throw new RuleViolationError(
      'guardian-basis',
      `satisfying ${code} needs a basis: guardian-or-sponsor-approved or state-care-arranged`,
    );
  }
  if (!satisfiesGuardian && basis) {
    throw new RuleViolationError('guardian-basis', `a basis is given only when satisfying ${Code.guardianApproved}`);
  }
}
