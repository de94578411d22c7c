import { z } from 'zod';
import { CaseRegisteredPersonal, CountryCode, Flight, RegisteredGuardian, SexSchema } from '@homeward/contracts';
import { transliterateCyrillic } from './cyrillic-transliteration';
import { seedGroups, type SeedChild } from './seed-children';
import { GROUP_PLANS, REFERENCE_DATE } from './seed-groups';

// What intake's POST /cases accepts (apps/intake/src/http/register-case.request.ts), rebuilt
// from the contracts: a seed child the service would refuse with 400 fails here first.
const RegisterCaseRequest = z
  .object({
    programmeId: z.string().min(1).max(100),
    originState: CountryCode,
    destinationState: CountryCode,
    sex: SexSchema,
    names: CaseRegisteredPersonal.shape.names,
    birthDate: CaseRegisteredPersonal.shape.birthDate,
    facility: CaseRegisteredPersonal.shape.facility,
    guardians: z.array(RegisteredGuardian.omit({ guardianId: true })).max(10),
  })
  .strict();
const ScheduleMovementRequest = Flight.extend({ seats: z.number().int().positive().max(1000) }).strict();

const [group1, group2] = seedGroups('run1');
const all: SeedChild[] = [...group1!.children, ...group2!.children];
const families = new Map<string, SeedChild[]>();
for (const child of all) families.set(child.familyRef, [...(families.get(child.familyRef) ?? []), child]);
const ageInMonths = (birth: string) => {
  const [y, m] = birth.split('-').map(Number);
  const [ry, rm] = REFERENCE_DATE.split('-').map(Number);
  return (ry! - y!) * 12 + (rm! - m!);
};

describe('seed children', () => {
  it('has the two flights of the seed report: 33 children in July, about 30 in August', () => {
    expect(group1!.children).toHaveLength(33);
    expect(group1!.flight).toMatchObject({ departureAirport: 'BGW', arrivalAirport: 'ZIA', scheduledDeparture: '2019-07-10T05:00:00Z', seats: 40 });
    expect(group2!.children.length).toBeGreaterThanOrEqual(28);
    expect(group2!.flight.scheduledDeparture.startsWith('2019-08')).toBe(true);
    for (const group of [group1!, group2!]) {
      expect(() => ScheduleMovementRequest.parse(group.flight)).not.toThrow();
      expect(group.flight.seats).toBeGreaterThanOrEqual(group.children.length);
    }
  });

  it('registers every child with a body intake accepts, under programme iq-ru-2019 (IQ → RU)', () => {
    for (const child of all) {
      expect(() => RegisterCaseRequest.parse(child.registration)).not.toThrow();
      expect(child.registration).toMatchObject({ programmeId: 'iq-ru-2019', originState: 'IQ', destinationState: 'RU' });
      expect(child.registration.facility.city).toBe('Baghdad');
    }
  });

  it('is the same on every run but for the run id in the e-mail addresses', () => {
    const again = seedGroups('run2');
    const withoutAddresses = (children: readonly SeedChild[]) =>
      JSON.stringify(children.map((c) => ({ ...c, registration: { ...c.registration, guardians: c.registration.guardians.map((g) => ({ ...g, email: '' })) } })));
    expect(withoutAddresses(again[0]!.children)).toBe(withoutAddresses(group1!.children));
    expect(again[0]!.children[0]!.registration.guardians[0]!.email).not.toBe(group1!.children[0]!.registration.guardians[0]!.email);
  });

  it('names every child in Cyrillic and in its ICAO Latin transliteration', () => {
    for (const { registration } of all) {
      const cyrillic = registration.names.find((n) => n.script === 'cyrillic')!;
      const latin = registration.names.find((n) => n.script === 'latin')!;
      expect(cyrillic.given).toMatch(/^[А-Яа-яЁё]+$/);
      expect(latin).toEqual({ given: transliterateCyrillic(cyrillic.given), family: transliterateCyrillic(cyrillic.family), script: 'latin' });
      expect(latin.given + latin.family).toMatch(/^[A-Za-z]+$/);
    }
  });

  it('has children aged about 1 to 14, with infants under two, and birth dates of every precision', () => {
    const ages = group1!.children.map((c) => ageInMonths(c.registration.birthDate.value));
    expect(Math.max(...ages)).toBeLessThanOrEqual(15 * 12);
    expect(ages.filter((a) => a < 24).length).toBeGreaterThanOrEqual(3);
    for (const child of all) expect(child.ageMonths).toBeLessThanOrEqual(14 * 12);
    expect(new Set(group1!.children.map((c) => c.registration.birthDate.precision))).toEqual(new Set(['day', 'month', 'year']));
    for (const { registration } of all) {
      const { value, precision } = registration.birthDate;
      if (precision === 'month') expect(value.endsWith('-01')).toBe(true);
      if (precision === 'year') expect(value.endsWith('-01-01')).toBe(true);
    }
  });

  it('holds children in a prison with their mothers, an orphanage and a camp', () => {
    expect(new Set(group1!.children.map((c) => c.registration.facility.type))).toEqual(new Set(['prison', 'orphanage', 'camp']));
    // The planned infants stay with their mothers.
    for (const plan of GROUP_PLANS) {
      for (let f = 1; f <= plan.familiesWithInfant; f++) {
        const siblings = families.get(`g${plan.ordinal}-f${String(f).padStart(2, '0')}`)!;
        expect(Math.min(...siblings.map((c) => c.ageMonths))).toBeLessThan(24);
        for (const child of siblings) expect(child.registration.facility.type).toBe('prison');
      }
    }
  });

  it('gives siblings one family name and the same guardians, mostly grandparents writing in Russian', () => {
    expect([...families.values()].filter((f) => f.length > 1).length).toBeGreaterThanOrEqual(5);
    for (const siblings of families.values()) {
      const stems = new Set(siblings.map((c) => c.registration.names[0]!.family.replace(/а$/, '')));
      expect(stems.size).toBe(1);
      expect(new Set(siblings.map((c) => JSON.stringify(c.registration.guardians))).size).toBe(1);
    }
    const guardians = [...families.values()].flatMap((f) => f[0]!.registration.guardians);
    const grandparents = guardians.filter((g) => g.relationship.startsWith('grand'));
    expect(grandparents.length / guardians.length).toBeGreaterThan(0.7);
    expect(guardians.filter((g) => g.preferredLanguage === 'ru').length / guardians.length).toBeGreaterThan(0.8);
  });

  it('gives every guardian an example.org address of their own that carries the run id', () => {
    const addresses = [...families.values()].flatMap((f) => f[0]!.registration.guardians.map((g) => g.email));
    expect(new Set(addresses).size).toBe(addresses.length);
    for (const address of addresses) expect(address).toMatch(/^[a-z0-9.-]+\.run1@example\.org$/);
  });
});
