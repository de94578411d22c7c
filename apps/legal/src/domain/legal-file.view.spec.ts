import { RequirementCode } from '@homeward/contracts';
import { redact, Role } from '@homeward/auth';
import { legalFileView } from './legal-file.view';
import { satisfiedFile, withEvidence, screener, passport } from './legal-file.spec-helper';

// As every answer carrying a file serves it: the view, redacted by the field policy for the caller's roles.
const screeningOf = (roles: Role[]) =>
  redact('legal-file', roles, legalFileView(withEvidence(satisfiedFile(), RequirementCode.securityScreening, screener))).value.requirements.find(
    (r) => r.code === RequirementCode.securityScreening,
  )!;

describe('legalFileView under the field policy', () => {
  it('shows the screening outcome but not its reason or evidence outside the screening role', () => {
    const screening = screeningOf([Role.LegalOfficer]);
    expect(screening.status).toBe('satisfied');
    expect(screening.decisions[0]).toEqual({ decision: 'satisfied', decidedBy: 'screener-1', decidedAt: expect.any(String), restricted: true });
    expect(screening.evidence[0]).toEqual({ evidenceId: expect.any(String), kind: 'document', attachedBy: 'screener-1', attachedAt: expect.any(String), restricted: true });
  });

  it('shows the screening details to the screening role', () => {
    const screening = screeningOf([Role.ScreeningOfficer]);
    expect(screening.decisions[0]).toMatchObject({ reason: 'No findings.' });
    expect(screening.evidence[0]).toMatchObject({ documentType: passport.documentType });
  });

  it('summarises evidence without document numbers or sample ids, and decisions without internals', () => {
    const nationality = redact('legal-file', [], legalFileView(satisfiedFile())).value.requirements[0]!;
    expect(nationality.evidence[0]).not.toHaveProperty('number');
    expect(nationality.evidence[0]).toMatchObject({ kind: 'document', documentType: 'birth certificate', issuingAuthority: passport.issuingAuthority });
    expect(nationality.decisions[0]).toEqual({ decision: 'satisfied', reason: 'Verified.', decidedBy: 'officer-1', decidedAt: expect.any(String) });
  });
});
