import { isErased } from '@homeward/privacy';
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
  const view: ReturnType<typeof requirementsView> & { erased?: true } = requirementsView(file);
  const found = withoutErased(view);
  return found.erased ? { ...(found.value as typeof view), erased: true as const } : view;
}

function requirementsView(file: LegalFileState) {
  return { ...file, requirements: file.requirements.map(requirementView) };
}

/**
 * A sealed text of a file whose child was erased opens to an erased marker:
 * the view leaves it out and says the file is erased (as intake's case does),
 * while the structure (codes, statuses, decisions, holds) stays readable.
 */
function withoutErased(value: unknown): { value: unknown; erased: boolean } {
  if (Array.isArray(value)) {
    const items = value.map(withoutErased);
    return { value: items.map((i) => i.value), erased: items.some((i) => i.erased) };
  }
  if (typeof value !== 'object' || value === null) return { value, erased: false };
  let erased = false;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (isErased(field)) {
      erased = true;
      continue;
    }
    const inner = withoutErased(field);
    erased ||= inner.erased;
    out[key] = inner.value;
  }
  return { value: out, erased };
}

export type LegalFileView = ReturnType<typeof legalFileView>;
