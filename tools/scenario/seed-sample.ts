import { isInfantOn } from './escort-plan';
import type { SeedChild, SeedGroup } from './seed-children';

/**
 * A smaller flight with every kind of child the seed has, for a test that
 * must stay short: the sibling group with a child who needs a medical
 * escort, the largest sibling group, a child alone, families with infants, then children
 * alone, whole families only, up to `maxChildren` (a family that would pass
 * the limit is left out). The escorts are planned for the sample as for a
 * whole flight.
 */
export function sampleGroup(group: SeedGroup, maxChildren: number): SeedGroup {
  const families = new Map<string, SeedChild[]>();
  for (const child of group.children) families.set(child.familyRef, [...(families.get(child.familyRef) ?? []), child]);
  const all = [...families.values()];
  const departure = group.flight.scheduledDeparture;
  const medical = all.filter((f) => f.some((c) => c.registration.requiresMedicalEscort));
  const largest = [...all].sort((a, b) => b.length - a.length).slice(0, 1);
  const withInfant = all.filter((f) => f.some((c) => isInfantOn(c.registration.birthDate, departure)));
  const alone = all.filter((f) => f.length === 1);
  const chosen: SeedChild[][] = [];
  let count = 0;
  for (const family of [...medical, ...largest, ...alone.slice(0, 1), ...withInfant, ...alone]) {
    if (chosen.includes(family) || count + family.length > maxChildren) continue;
    chosen.push(family);
    count += family.length;
  }
  const kept = new Set(chosen.flat());
  return { ...group, label: `${group.label} (sample of ${kept.size})`, children: group.children.filter((c) => kept.has(c)) };
}
