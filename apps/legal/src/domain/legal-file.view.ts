import {
  isScreening,
  Role,
  type DecisionRecord,
  type Evidence,
  type LegalFileState,
  type RequirementState,
} from './legal-file.state';

/**
 * What a reader sees of an evidence item. Identifying numbers (document
 * number, DNA sample id) stay in legal's store: a summary says what the
 * evidence is and who attached it, not how to find the person.
 */
function evidenceSummary(evidence: Evidence, restricted: boolean) {
  const { evidenceId, kind, attachedBy, attachedAt } = evidence;
  if (restricted) return { evidenceId, kind, attachedBy, attachedAt, restricted: true };
  if (evidence.kind === 'document') {
    const { documentType, issuingAuthority, issuedOn } = evidence;
    return { evidenceId, kind, documentType, issuingAuthority, issuedOn, attachedBy, attachedAt };
  }
  const { laboratory, testedRelative, kinshipProbability } = evidence;
  return { evidenceId, kind, laboratory, testedRelative, kinshipProbability, attachedBy, attachedAt };
}

function decisionView(decision: DecisionRecord, restricted: boolean) {
  const { evidenceIds: _considered, reason, ...rest } = decision;
  return restricted ? { ...rest, restricted: true } : { ...rest, reason };
}

/** Field-level redaction: outside the screening role only the screening outcome (status, who, when) is visible. */
function requirementView(requirement: RequirementState, roles: readonly string[]) {
  const restricted = isScreening(requirement.code) && !roles.includes(Role.screeningOfficer);
  return {
    code: requirement.code,
    status: requirement.status,
    evidence: requirement.evidence.map((e) => evidenceSummary(e, restricted)),
    decisions: requirement.decisions.map((d) => decisionView(d, restricted)),
  };
}

export function legalFileView(file: LegalFileState, roles: readonly string[]) {
  return { ...file, requirements: file.requirements.map((r) => requirementView(r, roles)) };
}

export type LegalFileView = ReturnType<typeof legalFileView>;
