import { RequirementCode } from '@homeward/contracts';
import { openFile } from './case-lifecycle.transitions';
import { GuardianBasis, type Actor, type LegalFileState, type LegalFileStatus } from './legal-file.state';
import { attachEvidence, decideRequirement } from './requirement.transitions';

/** Test fixtures for the domain specs: people, a freshly opened file, a fully satisfied one. */
export const now = new Date('2019-06-20T10:00:00Z');
export const officer: Actor = { userId: 'officer-1', roles: ['legal-officer'] };
export const secondOfficer: Actor = { userId: 'officer-2', roles: ['legal-officer'] };
export const supervisor: Actor = { userId: 'supervisor-1', roles: ['supervisor'] };
export const screener: Actor = { userId: 'screener-1', roles: ['screening-officer'] };
export const caseId = '00000000-0000-4000-8000-000000000001';
export const checklist = Object.values(RequirementCode);
export const allStatuses: LegalFileStatus[] = ['open', 'clearance-requested', 'cleared', 'rejected', 'closed'];

export const passport = {
  kind: 'document',
  documentType: 'birth certificate',
  number: 'BC-0001',
  issuingAuthority: 'Civil registry, Test City',
  issuedOn: '2014-02-01',
} as const;

let evidenceCounter = 0;
export const nextEvidenceId = () => `00000000-0000-4000-9000-${String(++evidenceCounter).padStart(12, '0')}`;

export function openedFile(): LegalFileState {
  return openFile({ caseId, programmeId: 'iq-ru-2019', destinationState: 'RU' }, { programmeId: 'iq-ru-2019', requirements: checklist }, 'case.registered.v1', now).state;
}

export const inStatus = (file: LegalFileState, status: LegalFileStatus): LegalFileState => ({ ...file, status });

export function withEvidence(file: LegalFileState, requirement: RequirementCode, actor: Actor = officer): LegalFileState {
  return attachEvidence(file, { requirement, evidenceId: nextEvidenceId(), details: passport }, actor, now).state;
}

/** Every requirement satisfied: documents for the ordinary ones, a screening outcome by the screening role. */
export function satisfiedFile(): LegalFileState {
  let file = openedFile();
  for (const requirement of checklist) {
    if (requirement === RequirementCode.securityScreening) {
      file = decideRequirement(file, { requirement, decision: 'satisfied', reason: 'No findings.' }, screener, now).state;
      continue;
    }
    file = withEvidence(file, requirement);
    const basis = requirement === RequirementCode.guardianApproved ? GuardianBasis.guardianOrSponsorApproved : undefined;
    file = decideRequirement(file, { requirement, decision: 'satisfied', reason: 'Verified.', ...(basis ? { basis } : {}) }, officer, now).state;
  }
  return file;
}
