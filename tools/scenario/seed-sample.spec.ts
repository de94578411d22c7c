import { isInfantOn } from './escort-plan';
import { seedGroups } from './seed-children';
import { sampleGroup } from './seed-sample';

describe('sampleGroup', () => {
  const [group] = seedGroups('smp1');
  const sample = sampleGroup(group!, 12);
  const families = new Map<string, number>();
  for (const child of sample.children) families.set(child.familyRef, (families.get(child.familyRef) ?? 0) + 1);

  it('keeps whole families, up to the limit, in the flight order', () => {
    expect(sample.children.length).toBeLessThanOrEqual(12);
    expect(sample.children.length).toBeGreaterThanOrEqual(8);
    for (const [familyRef, kept] of families) expect(kept).toBe(group!.children.filter((c) => c.familyRef === familyRef).length);
    expect(sample.children).toEqual(group!.children.filter((c) => sample.children.includes(c)));
  });

  it('still has a sibling group, an infant, a child who needs a medical escort and a child alone', () => {
    expect([...families.values()].some((n) => n > 1)).toBe(true);
    expect([...families.values()].some((n) => n === 1)).toBe(true);
    expect(sample.children.some((c) => isInfantOn(c.registration.birthDate, group!.flight.scheduledDeparture))).toBe(true);
    expect(sample.children.some((c) => c.registration.requiresMedicalEscort)).toBe(true);
    expect(sample.flight).toEqual(group!.flight);
  });
});
