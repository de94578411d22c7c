import { RequirementCode } from '@homeward/contracts';
import { redact, Role } from '@homeward/auth';
import { legalFileView } from './legal-file.view';
import { ERASED } from '@homeward/privacy';
import { placeHold } from './hold.transitions';
import type { LegalFileState } from './legal-file.state';
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

  it("shows a file whose child was erased as erased: its texts are gone, its checklist and holds remain", () => {
    const held = placeHold(satisfiedFile(), { holdId: '00000000-0000-4000-8000-000000000009', category: 'family', reason: 'Guardian unreachable.' }, screener, new Date()).state;
    // What the store reads back once the key is shredded: every sealed text opens to the erased marker.
    const erased: LegalFileState = {
      ...held,
      requirements: held.requirements.map((r) => ({
        ...r,
        evidence: r.evidence.map((e) => ({ ...e, ...(e.kind === 'document' ? { documentType: ERASED, number: ERASED, issuingAuthority: ERASED, issuedOn: ERASED } : {}) }) as never),
        decisions: r.decisions.map((d) => ({ ...d, reason: ERASED as never })),
      })),
      holds: held.holds.map((h) => ({ ...h, reason: ERASED as never })),
    };
    const view = legalFileView(erased);
    expect(view.erased).toBe(true);
    expect(view.requirements.map((r) => r.status)).toEqual(held.requirements.map((r) => r.status));
    expect(view.requirements[0]!.decisions[0]).toEqual({ decision: 'satisfied', decidedBy: 'officer-1', decidedAt: expect.any(String) });
    expect(view.requirements[0]!.evidence[0]).toEqual({ evidenceId: expect.any(String), kind: 'document', attachedBy: 'officer-1', attachedAt: expect.any(String) });
    expect(view.holds).toEqual([{ holdId: '00000000-0000-4000-8000-000000000009', category: 'family', placedBy: 'screener-1', placedAt: expect.any(String) }]);
    expect(JSON.stringify(view)).not.toContain('erased":{');
    expect(legalFileView(held)).not.toHaveProperty('erased');
  });
});
