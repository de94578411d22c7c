import { Role } from '../roles';
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

  it('refuses with 403 naming the permission', () => {
    expect(holds([Role.AgencyObserver], 'case:read')).toBe(false);
    expect(() => authorize({ userId: 'o', roles: [Role.AgencyObserver], agency: 'x' }, 'case:read')).toThrow(
      expect.objectContaining({ status: 403, details: { permission: 'case:read' } }),
    );
    expect(() => authorize({ userId: 'w', roles: [Role.CaseWorker], agency: 'x' }, 'case:read')).not.toThrow();
  });
});
