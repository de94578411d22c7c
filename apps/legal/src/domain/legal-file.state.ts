import { ConflictError, NotFoundError } from '@homeward/errors';
import { RequirementCode } from '@homeward/contracts';

/** Where a legal file stands (DESIGN "Legal"): cleared, rejected and closed end the legal work. */
export const LegalFileStatus = {
  open: 'open',
  clearanceRequested: 'clearance-requested',
  cleared: 'cleared',
  rejected: 'rejected',
  closed: 'closed',
} as const;
export type LegalFileStatus = (typeof LegalFileStatus)[keyof typeof LegalFileStatus];

export const RequirementStatus = { pending: 'pending', satisfied: 'satisfied', refused: 'refused' } as const;
export type RequirementStatus = (typeof RequirementStatus)[keyof typeof RequirementStatus];

export const Decision = { satisfied: 'satisfied', refused: 'refused' } as const;
export type Decision = (typeof Decision)[keyof typeof Decision];

/**
 * How the guardian requirement was met: the checklist has one requirement
 * (`guardian-approved`) with two ways to satisfy it, recorded on the decision.
 */
export const GuardianBasis = {
  guardianOrSponsorApproved: 'guardian-or-sponsor-approved',
  stateCareArranged: 'state-care-arranged',
} as const;
export type GuardianBasis = (typeof GuardianBasis)[keyof typeof GuardianBasis];

/** Roles the legal rules name (DESIGN "Privacy and security"). */
export const Role = { legalOfficer: 'legal-officer', supervisor: 'supervisor', screeningOfficer: 'screening-officer' } as const;

/** The person acting; issue 6 derives it from the bearer token. */
export interface Actor {
  readonly userId: string;
  readonly roles: readonly string[];
}

interface EvidenceBase {
  readonly evidenceId: string;
  readonly attachedBy: string;
  readonly attachedAt: string;
}
export interface DocumentEvidence extends EvidenceBase {
  readonly kind: 'document';
  readonly documentType: string;
  readonly number: string;
  readonly issuingAuthority: string;
  readonly issuedOn: string;
}
export interface DnaEvidence extends EvidenceBase {
  readonly kind: 'dna';
  readonly laboratory: string;
  readonly sampleId: string;
  readonly testedRelative: string;
  readonly kinshipProbability: number;
}
export type Evidence = DocumentEvidence | DnaEvidence;
/** Evidence as the caller gives it; the file adds the id, who and when. */
export type EvidenceDetails = Omit<DocumentEvidence, keyof EvidenceBase> | Omit<DnaEvidence, keyof EvidenceBase>;

export interface DecisionRecord {
  readonly decision: Decision;
  readonly reason: string;
  readonly basis?: GuardianBasis;
  /** The evidence the decision was taken on: a re-decision after a refusal needs something new. */
  readonly evidenceIds: readonly string[];
  readonly decidedBy: string;
  readonly decidedAt: string;
}

export interface RequirementState {
  readonly code: RequirementCode;
  readonly status: RequirementStatus;
  readonly evidence: readonly Evidence[];
  /** Every decision, oldest first; the last one is in force. */
  readonly decisions: readonly DecisionRecord[];
}

export interface Hold {
  readonly holdId: string;
  readonly category: string;
  readonly reason: string;
  readonly placedBy: string;
  readonly placedAt: string;
  readonly liftedBy?: string;
  readonly liftedAt?: string;
}

export interface StatusChange {
  readonly status: LegalFileStatus;
  readonly at: string;
  /** The person, or the event type for changes caused by another service. */
  readonly by: string;
  readonly note?: string;
}

export interface LegalFileState {
  readonly caseId: string;
  readonly programmeId: string;
  readonly destinationState: string;
  readonly status: LegalFileStatus;
  readonly openedAt: string;
  readonly requirements: readonly RequirementState[];
  readonly holds: readonly Hold[];
  readonly boardedAt?: string;
  readonly clearance?: { readonly requestedBy: string; readonly requestedAt: string; readonly approvedBy?: string; readonly clearedAt?: string };
  readonly rejection?: { readonly requirement: RequirementCode; readonly reason: string; readonly rejectedBy: string; readonly rejectedAt: string };
  readonly closure?: { readonly reason: 'withdrawn' | 'merged'; readonly survivorCaseId?: string; readonly closedAt: string };
  readonly statusHistory: readonly StatusChange[];
}

/** A transition's outcome: the whole new state and the data of the one event it causes. */
export interface Transition<TEvent> {
  readonly state: LegalFileState;
  readonly event: TEvent;
}

export const hasRole = (actor: Actor, role: string): boolean => actor.roles.includes(role);

export const activeHolds = (file: LegalFileState): Hold[] => file.holds.filter((h) => !h.liftedAt);

/** Refuses (409) unless the file is in one of `allowed`; the message names the state. */
export function requireStatus(file: LegalFileState, allowed: readonly LegalFileStatus[], action: string): void {
  if (allowed.includes(file.status)) return;
  throw new ConflictError(`the legal file is ${file.status}; ${action} needs a file that is ${allowed.join(' or ')}`, {
    status: file.status,
  });
}

export function requirementOf(file: LegalFileState, code: RequirementCode): RequirementState {
  const found = file.requirements.find((r) => r.code === code);
  if (!found) throw new NotFoundError(`requirement ${code} is not on the checklist of the legal file of case ${file.caseId}`);
  return found;
}

export function replaceRequirement(file: LegalFileState, next: RequirementState): LegalFileState['requirements'] {
  return file.requirements.map((r) => (r.code === next.code ? next : r));
}

export function withStatus(file: LegalFileState, change: StatusChange): Pick<LegalFileState, 'status' | 'statusHistory'> {
  return { status: change.status, statusHistory: [...file.statusHistory, change] };
}

export const isScreening = (code: RequirementCode): boolean => code === RequirementCode.securityScreening;
