import type { BirthDateFacts } from './case-facts';

const DAYS_IN_MONTH = (year: number, month: number): number => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/** The date `months` after y-m-d, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
function addMonths(year: number, month: number, day: number, months: number): Date {
  const total = month + months;
  const y = year + Math.floor(total / 12);
  const m = ((total % 12) + 12) % 12;
  return new Date(Date.UTC(y, m, Math.min(day, DAYS_IN_MONTH(y, m))));
}

/**
 * The latest day the child can have been born: an estimated date is the
 * first day of its period, so a child "born in 2018" may be as young as one
 * born on 31 December. Taking the latest day counts a doubtful child as an
 * infant, which asks for more escorts, never fewer.
 */
export function latestBirthDay(birthDate: BirthDateFacts): Date {
  const [year, month, day] = birthDate.value.split('-').map(Number) as [number, number, number];
  if (birthDate.precision === 'year') return new Date(Date.UTC(year, 11, 31));
  if (birthDate.precision === 'month') return new Date(Date.UTC(year, month - 1, DAYS_IN_MONTH(year, month - 1)));
  return new Date(Date.UTC(year, month - 1, day));
}

/** Younger than `infantAgeMonths` on the (UTC) day of `departure`. */
export function isInfant(birthDate: BirthDateFacts, infantAgeMonths: number, departure: string): boolean {
  const born = latestBirthDay(birthDate);
  const departureDay = new Date(`${departure.slice(0, 10)}T00:00:00Z`);
  const comesOfAge = addMonths(born.getUTCFullYear(), born.getUTCMonth(), born.getUTCDate(), infantAgeMonths);
  return departureDay < comesOfAge;
}
