import type { z } from 'zod';
import type { BirthDate } from '@homeward/contracts';

export const AgeBand = { infant: '0-1', toddler: '2-4', child: '5-11', youngTeen: '12-15', olderTeen: '16-17', adult: '18+', unknown: 'unknown' } as const;
export type AgeBand = (typeof AgeBand)[keyof typeof AgeBand];

/**
 * The band of the child's age on a date: what a `none` subscription learns
 * instead of the birth date. Estimated dates (month or year precision) are
 * stored as the first day of the period, so the band may be one too old.
 */
export function ageBand(birthDate: z.infer<typeof BirthDate> | undefined, on: string): AgeBand {
  if (!birthDate) return AgeBand.unknown;
  const born = new Date(`${birthDate.value}T00:00:00Z`);
  const at = new Date(on);
  if (Number.isNaN(born.getTime()) || Number.isNaN(at.getTime()) || at < born) return AgeBand.unknown;
  let years = at.getUTCFullYear() - born.getUTCFullYear();
  const beforeBirthday = at.getUTCMonth() < born.getUTCMonth() || (at.getUTCMonth() === born.getUTCMonth() && at.getUTCDate() < born.getUTCDate());
  if (beforeBirthday) years -= 1;
  if (years < 2) return AgeBand.infant;
  if (years < 5) return AgeBand.toddler;
  if (years < 12) return AgeBand.child;
  if (years < 16) return AgeBand.youngTeen;
  if (years < 18) return AgeBand.olderTeen;
  return AgeBand.adult;
}
