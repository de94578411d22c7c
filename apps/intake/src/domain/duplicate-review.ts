import { ConflictError, RuleViolationError } from '@homeward/errors';
import type { DuplicateScore } from './duplicate-scoring';

export const DuplicateStatus = { open: 'open', confirmed: 'confirmed', dismissed: 'dismissed' } as const;
export type DuplicateStatus = (typeof DuplicateStatus)[keyof typeof DuplicateStatus];
export const duplicateStatuses = Object.values(DuplicateStatus) as [DuplicateStatus, ...DuplicateStatus[]];

/** A pair of cases that may be the same child, waiting for a case worker. */
export interface DuplicateRecord {
  /** The two cases, sorted (the id is derived from the pair: import-ids.ts). */
  caseIds: [string, string];
  /** The case whose check found the other (registrations are checked in the order the consumer takes them). */
  detectedFor: string;
  score: DuplicateScore;
  status: DuplicateStatus;
  detectedAt: string;
  /** `registration`, or `import:<job id>`. */
  detectedBy: string;
  confirmation?: { survivorCaseId: string; mergedCaseId: string; by: string; at: string };
  dismissal?: { reason: string; by: string; at: string };
}

export function newDuplicate(caseId: string, otherCaseId: string, score: DuplicateScore, now: Date, detectedBy: string): DuplicateRecord {
  const caseIds = [caseId, otherCaseId].sort() as [string, string];
  return { caseIds, detectedFor: caseId, score, status: DuplicateStatus.open, detectedAt: now.toISOString(), detectedBy };
}

function assertOpen(id: string, record: DuplicateRecord): void {
  if (record.status !== DuplicateStatus.open) throw new ConflictError(`duplicate ${id} is already ${record.status}`);
}

/** The case that is merged away when `survivorCaseId` survives; the survivor must be one of the pair. */
export function confirmDuplicate(
  id: string,
  record: DuplicateRecord,
  survivorCaseId: string,
  now: Date,
  by: string,
): { mergedCaseId: string; set: Partial<DuplicateRecord> } {
  assertOpen(id, record);
  if (!record.caseIds.includes(survivorCaseId)) {
    throw new RuleViolationError('survivor-in-pair', `the survivor must be one of the pair: ${record.caseIds.join(' or ')}`);
  }
  const mergedCaseId = record.caseIds.find((c) => c !== survivorCaseId)!;
  return {
    mergedCaseId,
    set: { status: DuplicateStatus.confirmed, confirmation: { survivorCaseId, mergedCaseId, by, at: now.toISOString() } },
  };
}

export function dismissDuplicate(id: string, record: DuplicateRecord, reason: string, now: Date, by: string): Partial<DuplicateRecord> {
  assertOpen(id, record);
  return { status: DuplicateStatus.dismissed, dismissal: { reason, by, at: now.toISOString() } };
}
