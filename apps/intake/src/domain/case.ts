import type { CasePersonal, CaseSnapshot } from '@homeward/contracts';
import type { CaseStage, StageHistoryEntry } from './case-stage';
import type { StageFact } from './case-stage-facts';
import type { CaseErasure } from './case-erasure';

/** A case as intake keeps it: the shared snapshot plus what intake needs to find and follow it. */
export interface CaseRecord {
  programmeId: string;
  originState: string;
  destinationState: string;
  sex: CaseSnapshot['sex'];
  requiresMedicalEscort: boolean;
  siblingCaseIds: string[];
  claimedNationalities: string[];
  /** Personal part, kept apart so the privacy layer can encrypt it as a whole. */
  personal: CasePersonal;
  /** Search keys of the names in every script (name-keys.ts); indexed. */
  nameKeys: string[];
  /** The facility name folded for an exact, case-insensitive search. */
  facilityKey: string;
  stage: CaseStage;
  stageHistory: StageHistoryEntry[];
  /** What intake has learned from its own and the other services' events; the stage is derived from these. */
  stageFacts: StageFact[];
  registeredAt: string;
  registeredBy: string;
  updatedAt: string;
  updatedBy: string;
  /** The source list's own row reference, for imported cases. */
  importReference?: string;
  /** The import job that created the case, so a job resumed after a crash knows its own cases. */
  importJobId?: string;
  /** Keyed hash of the registration request sent with an Idempotency-Key (see registration-idempotency.ts). */
  registrationFingerprint?: string;
  withdrawal?: { reason: string; at: string; by: string };
  /** Guardians who followed the unsubscribe link of the milestone e-mails (notification.guardian-opted-out.v1). */
  guardianEmailOptOuts?: Array<{ guardianId: string; at: string }>;
  /** The surviving case, once this one was merged into it. */
  mergedInto?: string;
  /** The erasure request, its approval and when the child's key was deleted. */
  erasure?: CaseErasure;
}

/** The snapshot every intake event about a case carries. */
export function caseSnapshot(caseId: string, record: CaseRecord): CaseSnapshot {
  return {
    caseId,
    programmeId: record.programmeId,
    originState: record.originState,
    destinationState: record.destinationState,
    sex: record.sex,
    requiresMedicalEscort: record.requiresMedicalEscort,
    siblingCaseIds: record.siblingCaseIds,
    claimedNationalities: record.claimedNationalities,
    personal: record.personal,
  };
}

/** Folded the same way for storage and for the `facility=` query. */
export function facilityKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}
