import type { DecisionRecord, Evidence, LegalFileState, RequirementState } from './legal-file.state';

/**
 * What a reader sees of an evidence item. Identifying numbers (document
 * number, DNA sample id) stay in legal's store: a summary says what the
 * evidence is and who attached it, not how to find the person.
 */
function evidenceSummary(evidence: Evidence) {
  const { evidenceId, kind, attachedBy, attachedAt } = evidence;
  if (evidence.kind === 'document') {
    const { documentType, issuingAuthority, issuedOn } = evidence;
    return { evidenceId, kind, documentType, issuingAuthority, issuedOn, attachedBy, attachedAt };
  }
  const { laboratory, testedRelative, kinshipProbability } = evidence;
  return { evidenceId, kind, laboratory, testedRelative, kinshipProbability, attachedBy, attachedAt };
}

function decisionView(decision: DecisionRecord) {
  const { evidenceIds: _considered, ...rest } = decision;
  return rest;
}

function requirementView(requirement: RequirementState) {
  return {
    code: requirement.code,
    status: requirement.status,
    evidence: requirement.evidence.map(evidenceSummary),
    decisions: requirement.decisions.map(decisionView),
  };
}

/**
 * The whole file as the service serves it. Who may see which part of it
 * (screening details: the screening officer only) is the field policy's
 * (libs/auth FIELD_POLICY['legal-file']), applied to every answer that
 * carries a file (legal-file.command.ts `send`).
 */
export function legalFileView(file: LegalFileState) {
  return { ...file, requirements: file.requirements.map(requirementView) };
}

export type LegalFileView = ReturnType<typeof legalFileView>;
