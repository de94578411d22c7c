import { z } from 'zod';
import { CasePersonal, CountryCode, Flight, IataCode, ProgrammeDefinition, ProgrammeId, RegisteredGuardian, SexSchema, Timestamp } from '@homeward/contracts';
import { transliterateCyrillic } from './cyrillic-transliteration';
import { isInfantOn } from './escort-plan';
import { OLDEST_MONTHS, seedGroups, type SeedChild } from './seed-children';
import { GROUP_PLANS, PROGRAMME } from './seed-groups';

// What intake's POST /cases accepts (apps/intake/src/domain/register-case.command.ts), rebuilt
// from the contracts: a seed child the service would refuse with 400 fails here first.
const RegisterCaseRequest = z
  .object({
    programmeId: ProgrammeId,
    sex: SexSchema,
    names: CasePersonal.shape.names,
    birthDate: CasePersonal.shape.birthDate,
    placeOfBirth: CasePersonal.shape.placeOfBirth,
    facility: CasePersonal.shape.facility,
    mother: CasePersonal.shape.mother,
    father: CasePersonal.shape.father,
    claimedNationalities: z.array(CountryCode).max(5).optional(),
    medicalNeeds: CasePersonal.shape.medicalNeeds,
    requiresMedicalEscort: z.boolean().optional(),
    guardians: z.array(RegisteredGuardian.omit({ guardianId: true }).strict()).max(10),
  })
  .strict();
// Logistics' POST /movements (apps/logistics/src/http/movement.request.ts).
const ScheduleMovementRequest = z
  .object({
    programmeId: ProgrammeId,
    operator: Flight.shape.operator,
    flightNumber: Flight.shape.flightNumber,
    departureAirport: IataCode,
    arrivalAirport: IataCode,
    scheduledDeparture: Timestamp,
    seats: z.number().int().positive().max(1000),
  })
  .strict();

const [group1, group2] = seedGroups('run1');
const all: SeedChild[] = [...group1!.children, ...group2!.children];
const families = new Map<string, SeedChild[]>();
for (const child of all) families.set(child.familyRef, [...(families.get(child.familyRef) ?? []), child]);
const departureOf = (child: SeedChild) => GROUP_PLANS.find((p) => child.ref.startsWith(`g${p.ordinal}-`))!.flight.scheduledDeparture;
const ageInMonths = (birth: string, on: string) => {
  const [y, m] = birth.split('-').map(Number);
  const [ry, rm] = on.split('-').map(Number);
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

  it('registers every child with a body intake accepts, under programme iq-ru-2019, whose definition intake accepts too', () => {
    expect(() => ProgrammeDefinition.parse(PROGRAMME)).not.toThrow();
    expect(PROGRAMME).toMatchObject({ originState: 'IQ', destinationState: 'RU', eligibility: { childrenOnly: true } });
    for (const child of all) {
      expect(() => RegisterCaseRequest.parse(child.registration)).not.toThrow();
      expect(child.registration.programmeId).toBe('iq-ru-2019');
      expect(child.registration.facility.city).toBe('Baghdad');
      expect(child.registration.claimedNationalities).toEqual(['RU']);
      expect(child.registration.mother?.status).toBeDefined();
    }
  });

  it('keeps every child under 18 today, when intake checks the eligibility, though the flights were in 2019', () => {
    const today = new Date().toISOString().slice(0, 10);
    const tooOld = all.filter((c) => ageInMonths(c.registration.birthDate.value, today) >= 18 * 12 - 1).map((c) => c.ref);
    // Failing here means the seed's 2019 children have grown up: lower OLDEST_MONTHS.
    expect(tooOld).toEqual([]);
  });

  it('names the medical needs of a few children, one of whom needs a medical escort on each flight', () => {
    for (const group of [group1!, group2!]) {
      expect(group.children.filter((c) => c.registration.medicalNeeds).length).toBeGreaterThanOrEqual(2);
      expect(group.children.filter((c) => c.registration.requiresMedicalEscort)).toHaveLength(1);
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

  it('has children aged a few months to nine at their flight, with infants under two, and birth dates of every precision', () => {
    for (const child of all) {
      expect(child.ageMonths).toBeLessThanOrEqual(OLDEST_MONTHS);
      expect(ageInMonths(child.registration.birthDate.value, departureOf(child))).toBeLessThanOrEqual(OLDEST_MONTHS + 1);
    }
    for (const group of [group1!, group2!]) {
      expect(group.children.filter((c) => isInfantOn(c.registration.birthDate, group.flight.scheduledDeparture)).length).toBeGreaterThanOrEqual(3);
    }
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
