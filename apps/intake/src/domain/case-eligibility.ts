import type { z } from 'zod';
import { RuleViolationError } from '@homeward/errors';
import type { BirthDate, EligibilityPolicy } from '@homeward/contracts';

type BirthDateValue = z.infer<typeof BirthDate>;
type Eligibility = z.infer<typeof EligibilityPolicy>;

/** Age of majority used by a children-only programme. */
const ADULT_AGE = 18;

/** The last day the child can have been born on, given how much of the date is known. */
export function latestPossibleBirthDate({ value, precision }: BirthDateValue): string {
  const [year, month] = value.split('-').map(Number) as [number, number, number];
  if (precision === 'day') return value;
  if (precision === 'year') return `${year}-12-31`;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}

/** Whole years between a YYYY-MM-DD birth date and a moment, in UTC. */
export function ageInYears(birthDate: string, now: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const beforeBirthday = now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d);
  return Math.max(0, now.getUTCFullYear() - y - (beforeBirthday ? 1 : 0));
}

/**
 * Conservative age: the youngest the child can be. A birth date estimated to
 * the year ("born 2001") refuses the child only if even a birth on 31
 * December makes them too old: an estimate must not cost a child its return.
 */
export function youngestPossibleAge(birthDate: BirthDateValue, now: Date): number {
  return ageInYears(latestPossibleBirthDate(birthDate), now);
}

/** The eligibility rules a registration (or a corrected birth date) must meet; a refusal names the rule. */
export function eligibilityRefusal(policy: Eligibility, birthDate: BirthDateValue, now: Date): RuleViolationError | undefined {
  const today = now.toISOString().slice(0, 10);
  // The first day of the known period is the earliest possible birth date.
  if (birthDate.value > today) {
    return new RuleViolationError('birth-date-not-in-future', `birth date ${birthDate.value} is after today (${today})`);
  }
  const age = youngestPossibleAge(birthDate, now);
  if (policy.childrenOnly && age >= ADULT_AGE) {
    return new RuleViolationError('children-only', `the programme takes children only; the person is at least ${age}`);
  }
  if (age > policy.maxAgeAtRegistration) {
    return new RuleViolationError(
      'max-age-at-registration',
      `the programme registers children up to ${policy.maxAgeAtRegistration}; born ${birthDate.value} (precision ${birthDate.precision}) the child is at least ${age}`,
    );
  }
  return undefined;
}
