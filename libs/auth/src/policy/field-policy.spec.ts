import { Role, ROLES } from '../roles';
import { hiddenFields, redact } from './field-policy';
import { authorize } from './authorize';
import { holds } from './permissions';

const child = {
  caseId: 'c1',
  personal: { names: [{ given: 'A' }], birthDate: { value: '2015' }, mother: { status: 'convicted' }, father: { status: 'missing' }, medicalNeeds: 'asthma', guardians: [{ name: 'G' }] },
};

describe('the field policy', () => {
  it('shows logistics names, birth dates and medical needs, but not the parents', () => {
    const { value, redacted } = redact('case', [Role.LogisticsOfficer], child);
    expect(Object.keys(value.personal).sort()).toEqual(['birthDate', 'guardians', 'medicalNeeds', 'names']);
    expect(redacted).toEqual(['personal.mother', 'personal.father']);
    expect(child.personal.mother).toEqual({ status: 'convicted' });
  });

  it('takes the union of several roles', () => {
    expect(hiddenFields('case', [Role.LegalOfficer])).toEqual(['personal.medicalNeeds']);
    expect(hiddenFields('case', [Role.LegalOfficer, Role.LogisticsOfficer])).toEqual([]);
  });

  it('shows screening details to screening officers only, marking what it withheld, and leaves the other requirements alone', () => {
    const file = {
      caseId: 'c1',
      requirements: [
        { code: 'security-screening', status: 'satisfied', evidence: [{ evidenceId: 'e1', kind: 'document', documentType: 'List check', issuedOn: '2019-01-01' }], decisions: [{ decision: 'satisfied', reason: 'No findings in list X.', decidedBy: 's1' }] },
        { code: 'nationality-verified', status: 'satisfied', evidence: [{ evidenceId: 'e2', kind: 'dna', laboratory: 'Lab', kinshipProbability: 0.99 }], decisions: [{ decision: 'satisfied', reason: 'DNA match.', decidedBy: 'o1' }] },
      ],
    };
    for (const role of ROLES.filter((r) => r !== Role.ScreeningOfficer)) {
      const { value, redacted } = redact('legal-file', [role], file);
      expect({ role, screening: value.requirements[0] }).toEqual({
        role,
        screening: { code: 'security-screening', status: 'satisfied', evidence: [{ evidenceId: 'e1', kind: 'document', restricted: true }], decisions: [{ decision: 'satisfied', decidedBy: 's1', restricted: true }] },
      });
      expect(value.requirements[1]).toEqual(file.requirements[1]);
      expect(redacted).toEqual(expect.arrayContaining(['requirements[code=security-screening].decisions[].reason']));
    }
    expect(redact('legal-file', [Role.ScreeningOfficer], file).value).toEqual(file);
    expect(hiddenFields('legal-file', [Role.LegalOfficer, Role.ScreeningOfficer])).toEqual([]);
  });

  it('refuses with 403 naming the permission', () => {
    expect(holds([Role.AgencyObserver], 'case:read')).toBe(false);
    expect(() => authorize({ userId: 'o', roles: [Role.AgencyObserver], agency: 'x' }, 'case:read')).toThrow(
      expect.objectContaining({ status: 403, details: { permission: 'case:read' } }),
    );
    expect(() => authorize({ userId: 'w', roles: [Role.CaseWorker], agency: 'x' }, 'case:read')).not.toThrow();
  });
});
