import { AT, caseIdOf, escort, INFANT, movement, OLDER_CHILD, policy } from '../test-support/movement.fixtures';
import { allocateEscorts, buildManifest, type ManifestChildFacts } from './manifest';
import type { Passenger } from './movement';

const childFacts = (n: number, over: Partial<ManifestChildFacts> = {}): ManifestChildFacts => ({
  caseId: caseIdOf(n),
  sex: n % 2 ? 'female' : 'male',
  birthDate: OLDER_CHILD,
  names: [
    { given: 'Тестия', family: 'Примерова', script: 'cyrillic' },
    { given: 'Testiya', family: `Primerova${n}`, script: 'latin' },
  ],
  guardians: [{ name: { given: 'Anna', family: 'Primerova', script: 'latin' }, relationship: 'grandmother' }],
  requiresMedicalEscort: false,
  ...over,
});
const seated = (n: number, seat: number): Passenger => ({ caseId: caseIdOf(n), seat, status: 'assigned', assignedAt: AT });

describe('manifest', () => {
  it('gives a child needing a medical escort to a medical escort, the others to the least-loaded escort', () => {
    const medical = escort(1, 'medical');
    const official = escort(2, 'official');
    const allocation = allocateEscorts(
      [
        { caseId: 'a', requiresMedicalEscort: false },
        { caseId: 'b', requiresMedicalEscort: true },
        { caseId: 'c', requiresMedicalEscort: false },
      ],
      [medical, official],
    );
    expect(allocation.get('a')).toBe(medical);
    expect(allocation.get('b')).toBe(medical);
    expect(allocation.get('c')).toBe(official);
  });

  it('lists the children in seat order with the Latin name first, and totals children, infants and escorts by role', () => {
    const m = movement({ passengers: [seated(2, 2), seated(1, 1)], escorts: [escort(1, 'medical'), escort(2, 'carer')] });
    const cases = new Map([
      [caseIdOf(1), childFacts(1, { birthDate: INFANT, medicalNeeds: 'Asthma', requiresMedicalEscort: true })],
      [caseIdOf(2), childFacts(2)],
    ]);
    const manifest = buildManifest('m-1', m, cases, policy);
    expect(manifest.rows.map((r) => r.seat)).toEqual([1, 2]);
    expect(manifest.rows[0]).toMatchObject({
      name: 'Primerova1, Testiya / Примерова, Тестия',
      infant: true,
      medicalNeeds: 'Asthma',
      escort: 'Escort 1 (medical)',
      guardian: 'Primerova, Anna (grandmother)',
    });
    expect(manifest.totals).toEqual({
      children: 2,
      infants: 1,
      escorts: 2,
      escortsNeeded: 1,
      escortsByRole: { official: 0, medical: 1, psychologist: 0, carer: 1 },
    });
  });

  it("keeps an erased child's seat on the manifest without the person", () => {
    const m = movement({ passengers: [seated(1, 1), seated(2, 2)], escorts: [escort(1, 'carer')] });
    const erased = { erased: true } as never;
    const cases = new Map([
      [caseIdOf(1), childFacts(1, { names: erased, birthDate: erased, guardians: erased })],
      [caseIdOf(2), childFacts(2)],
    ]);
    const manifest = buildManifest('m-1', m, cases, policy);
    expect(manifest.rows.map((r) => [r.seat, r.name, r.dateOfBirth, r.guardian])).toEqual([
      [1, '(erased)', '', ''],
      [2, 'Primerova2, Testiya / Примерова, Тестия', OLDER_CHILD.value, 'Primerova, Anna (grandmother)'],
    ]);
  });
});
