export const REQUIREMENT_CODES = ['nationality-verified', 'guardian-approved', 'parental-consent', 'exit-clearance', 'travel-document', 'security-screening'] as const;
export const LEGAL_STATUSES = ['open', 'clearance-requested', 'cleared', 'rejected', 'closed'] as const;

export interface Requirement {
  readonly code: string;
  readonly status: 'pending' | 'satisfied' | 'refused';
  readonly evidence: readonly { evidenceId: string; kind: 'document' | 'dna'; documentType?: string; issuingAuthority?: string; laboratory?: string; testedRelative?: string; attachedBy: string; attachedAt: string; restricted?: true }[];
  readonly decisions: readonly { decision: 'satisfied' | 'refused'; reason?: string; decidedBy: string; decidedAt: string; restricted?: true }[];
}

export interface LegalFile {
  readonly caseId: string;
  readonly programmeId: string;
  readonly destinationState: string;
  readonly status: string;
  readonly openedAt: string;
  readonly requirements: readonly Requirement[];
  readonly holds: readonly { holdId: string; category: string; reason?: string; placedBy: string; placedAt: string; liftedAt?: string }[];
  readonly clearance?: { requestedBy: string; requestedAt: string; approvedBy?: string; clearedAt?: string };
  readonly statusHistory: readonly { status: string; at: string; by: string }[];
}

export interface LegalFileListItem {
  readonly caseId: string;
  readonly programmeId: string;
  readonly status: string;
  readonly openedAt: string;
  readonly requirements: readonly { code: string; status: string }[];
  readonly activeHolds: number;
}
