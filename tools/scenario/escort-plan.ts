import type { RegisterCaseBody } from './homeward-apis';
import { CARER_NAMES, PROGRAMME, type EscortPlanEntry } from './seed-groups';
import type { SeedGroup } from './seed-children';

type BirthDate = RegisterCaseBody['birthDate'];

/**
 * The last day the child can have been born: an estimated date is the first
 * day of its period ("born in 2017" may mean 31 December 2017). Logistics
 * counts a doubtful child as an infant, asking for more escorts, never fewer;
 * the scenario plans its escorts the same way or its assignments would be refused.
 */
export function latestBirthDay({ value, precision }: BirthDate): Date {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  if (precision === 'year') return new Date(Date.UTC(year, 11, 31));
  if (precision === 'month') return new Date(Date.UTC(year, month, 0));
  return new Date(Date.UTC(year, month - 1, day));
}

/** Younger than `months` on the (UTC) day of the departure. */
export function isInfantOn(birthDate: BirthDate, departure: string, months: number = PROGRAMME.escortPolicy.infantAgeMonths): boolean {
  const born = latestBirthDay(birthDate);
  const departureDay = new Date(`${departure.slice(0, 10)}T00:00:00Z`);
  const target = born.getUTCMonth() + months;
  const year = born.getUTCFullYear() + Math.floor(target / 12);
  const monthIndex = target % 12;
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  const comesOfAge = new Date(Date.UTC(year, monthIndex, Math.min(born.getUTCDate(), lastDay)));
  return departureDay < comesOfAge;
}

export interface EscortPlan {
  readonly children: number;
  readonly infants: number;
  /** The programme's ratio: one escort per five children, one per infant, whichever asks more. */
  readonly needed: number;
  readonly medicalNeeded: boolean;
  readonly escorts: readonly EscortPlanEntry[];
}

/** The group's core team, then carers until the ratio is met; a doctor if a child needs one. */
export function planEscorts(group: Pick<SeedGroup, 'children' | 'coreEscorts' | 'flight'>): EscortPlan {
  const { childrenPerEscort, infantsPerEscort } = PROGRAMME.escortPolicy;
  const children = group.children.length;
  const infants = group.children.filter((c) => isInfantOn(c.registration.birthDate, group.flight.scheduledDeparture)).length;
  const needed = Math.max(Math.ceil(children / childrenPerEscort), Math.ceil(infants / infantsPerEscort));
  const medicalNeeded = group.children.some((c) => c.registration.requiresMedicalEscort);
  const escorts: EscortPlanEntry[] = [...group.coreEscorts];
  if (medicalNeeded && !escorts.some((e) => e.role === 'medical')) escorts.push({ name: 'Duty doctor', role: 'medical' });
  for (let carer = 0; escorts.length < needed; carer++) escorts.push({ name: CARER_NAMES[carer] ?? `Carer ${carer + 1}`, role: 'carer' });
  return { children, infants, needed, medicalNeeded, escorts };
}
