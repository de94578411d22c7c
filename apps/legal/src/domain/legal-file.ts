import { ConflictError } from '@homeward/errors';

/** The checklist every case starts with (DESIGN "Legal"). */
export const Requirement = {
  nationalityVerified: 'nationality-verified',
  guardianApproved: 'guardian-approved',
  parentalConsent: 'parental-consent',
  exitClearance: 'exit-clearance',
  travelDocument: 'travel-document',
  securityScreening: 'security-screening',
} as const;
export const checklist: readonly string[] = Object.values(Requirement);

export const LegalFileStatus = { open: 'open', cleared: 'cleared' } as const;
export type LegalFileStatus = (typeof LegalFileStatus)[keyof typeof LegalFileStatus];

export interface LegalFileState {
  status: LegalFileStatus;
  approvedBy: string[];
  clearedAt?: string;
}

/**
 * The walking skeleton's single clearance action; the lifecycle issue
 * replaces it with requirement decisions and four-eyes approval.
 */
export function clear(file: LegalFileState, approver: string, now: Date): LegalFileState {
  if (file.status !== LegalFileStatus.open) {
    throw new ConflictError(`the legal file is ${file.status}; only an open file can be cleared`, { status: file.status });
  }
  return { status: LegalFileStatus.cleared, approvedBy: [approver], clearedAt: now.toISOString() };
}
