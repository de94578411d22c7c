import { RequirementCode } from '@homeward/contracts';
import { legalFileView } from './legal-file.view';
import { satisfiedFile, withEvidence, screener, passport } from './legal-file.spec-helper';

const screeningOf = (roles: string[]) =>
  legalFileView(withEvidence(satisfiedFile(), RequirementCode.securityScreening, screener), roles).requirements.find(
    (r) => r.code === RequirementCode.securityScreening,
  )!;

describe('legalFileView', () => {
  it('shows the screening outcome but not its reason or evidence outside the screening role', () => {
    const screening = screeningOf(['legal-officer']);
    expect(screening.status).toBe('satisfied');
    expect(screening.decisions[0]).toEqual({ decision: 'satisfied', decidedBy: 'screener-1', decidedAt: expect.any(String), restricted: true });
    expect(screening.evidence[0]).toEqual({ evidenceId: expect.any(String), kind: 'document', attachedBy: 'screener-1', attachedAt: expect.any(String), restricted: true });
  });

  it('shows the screening details to the screening role', () => {
    const screening = screeningOf(['screening-officer']);
    expect(screening.decisions[0]).toMatchObject({ reason: 'No findings.' });
    expect(screening.evidence[0]).toMatchObject({ documentType: passport.documentType });
  });

  it('summarises evidence without document numbers or sample ids, and decisions without internals', () => {
    const nationality = legalFileView(satisfiedFile(), []).requirements[0]!;
    expect(nationality.evidence[0]).not.toHaveProperty('number');
    expect(nationality.evidence[0]).toMatchObject({ kind: 'document', documentType: 'birth certificate', issuingAuthority: passport.issuingAuthority });
    expect(nationality.decisions[0]).toEqual({ decision: 'satisfied', reason: 'Verified.', decidedBy: 'officer-1', decidedAt: expect.any(String) });
  });
});
