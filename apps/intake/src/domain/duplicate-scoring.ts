import type { BirthDate, CasePersonal, PersonName } from '@homeward/contracts';
import jaroWinkler from 'talisman/metrics/jaro-winkler';
import type { z } from 'zod';
import { facilityKey } from './case';
import { consonantSkeleton, nameKeys, nameTokens, queryNameKeys } from './name-keys';

/** What duplicate detection compares of a case: who the child is, not where the case stands. */
export interface DuplicateSubject {
  readonly names: readonly PersonName[];
  readonly birthDate: z.infer<typeof BirthDate>;
  readonly sex: 'female' | 'male' | 'unknown';
  readonly motherName?: PersonName | undefined;
  readonly facility: { readonly name: string; readonly city: string };
}

/** A subject with its transliterations and keys worked out once (an index compares one case with many). */
export interface PreparedSubject {
  /** Each name as [given, family], transliterated to lower-case Latin, then as consonant skeletons. */
  readonly names: ReadonlyArray<NameForms>;
  readonly keys: ReadonlySet<string>;
  /** The name keys of each distinct word of the names, for finding candidates (duplicate-index.ts). */
  readonly tokenKeys: ReadonlyArray<readonly string[]>;
  /** The days (since 1970) the child can have been born on: [first, last]. */
  readonly born: readonly [number, number];
  readonly sex: DuplicateSubject['sex'];
  readonly mother?: NameForms | undefined;
  readonly facility: string;
  readonly city: string;
}

export interface DuplicateScore {
  /** Weighted mean of the components present, in [0, 1]; halved when the recorded sexes differ. */
  readonly score: number;
  readonly name: number;
  readonly birthDate: number;
  /** Absent when either case has no mother's name. */
  readonly mother?: number;
  readonly facility: number;
}

/**
 * Score from which a pair is stored for review. Chosen on the cases in
 * duplicate-scoring.spec.ts: the same child in Cyrillic and in Latin script
 * with only the birth year known scores 0.96, in Arabic script without a
 * mother's name 0.86, with a typo and a birth date three days off 0.90; a
 * sister scores 0.60, a twin brother 0.43, a namesake born a year apart
 * 0.75. At 0.8, different children of a synthetic 20,000-row list born on
 * the same day in the same camp with names of the same pattern were flagged
 * by the thousand (Jaro-Winkler is generous to similar-sounding names); at
 * 0.85, 32.
 */
export const DUPLICATE_THRESHOLD = 0.85;

type Pair = readonly [given: string, family: string];
interface NameForms {
  readonly latin: Pair;
  readonly skeleton: Pair;
}

const WEIGHTS = { name: 0.5, birthDate: 0.25, mother: 0.15, facility: 0.1 } as const;
/** Birth dates this many days apart still count a little (a typo in the day), decaying exponentially. */
const BIRTH_GAP_SCALE_DAYS = 30;
/** A name written family-first in one list and given-first in the other. */
const SWAPPED_ORDER_FACTOR = 0.9;
/** Skeletons agree more easily than spellings, so they count a little less. */
const SKELETON_FACTOR = 0.95;
const DAY_MS = 86_400_000;

export function prepareSubject(subject: DuplicateSubject): PreparedSubject {
  return {
    names: subject.names.map(nameForms),
    keys: new Set(nameKeys(subject.names)),
    tokenKeys: distinctTokenKeys(subject.names),
    born: birthInterval(subject.birthDate),
    sex: subject.sex,
    mother: subject.motherName ? nameForms(subject.motherName) : undefined,
    facility: facilityKey(subject.facility.name),
    city: facilityKey(subject.facility.city),
  };
}

/**
 * How likely two cases are the same child. Pure and symmetric: every
 * component is a symmetric similarity, and a component missing on either
 * side (an unknown mother) drops out of the mean instead of counting as a
 * mismatch, because lists from camps often lack it.
 */
export function duplicateScore(a: PreparedSubject, b: PreparedSubject): DuplicateScore {
  const name = 0.75 * bestNameSimilarity(a.names, b.names) + 0.25 * keyOverlap(a.keys, b.keys);
  const birthDate = birthSimilarity(a.born, b.born);
  const facility = a.facility === b.facility ? 1 : a.city === b.city ? 0.4 : 0;
  const mother = a.mother && b.mother ? pairSimilarity(a.mother, b.mother) : undefined;
  let total = WEIGHTS.name * name + WEIGHTS.birthDate * birthDate + WEIGHTS.facility * facility;
  let weight = WEIGHTS.name + WEIGHTS.birthDate + WEIGHTS.facility;
  if (mother !== undefined) {
    total += WEIGHTS.mother * mother;
    weight += WEIGHTS.mother;
  }
  const sexesDiffer = a.sex !== 'unknown' && b.sex !== 'unknown' && a.sex !== b.sex;
  const score = clamp((total / weight) * (sexesDiffer ? 0.5 : 1));
  return { score, name, birthDate, ...(mother !== undefined ? { mother } : {}), facility };
}

/**
 * Latin spellings compare Cyrillic with Latin well ("Фатима" → "fatima"), but
 * Arabic script writes no short vowels ("فاطمة" → "ftm"): the consonant
 * skeletons of both sides compare those.
 */
function nameForms(name: PersonName): NameForms {
  const given = nameTokens(name.given);
  const family = nameTokens(name.family);
  const skeleton = (tokens: string[]) => tokens.map(consonantSkeleton).join(' ');
  return { latin: [given.join(' '), family.join(' ')], skeleton: [skeleton(given), skeleton(family)] };
}

function distinctTokenKeys(names: readonly PersonName[]): string[][] {
  const byToken = new Map<string, string[]>();
  for (const name of names) for (const keys of queryNameKeys(`${name.given} ${name.family}`)) byToken.set(keys[0]!, keys);
  return [...byToken.values()];
}

/**
 * Birth dates further apart than this can never reach the threshold, whatever
 * else matches: with every other component at 1 the score is at most
 * (1 − w·(1 − b)) where b = 0.8·e^(−gap/scale) is the birth-date similarity.
 * Derived from the weights (the worst case is a pair without mothers'
 * names), so finding candidates can skip them without scoring.
 */
export const MAX_BIRTH_GAP_DAYS = (() => {
  const others = WEIGHTS.name + WEIGHTS.facility;
  const weight = others + WEIGHTS.birthDate;
  const minimumBirth = (DUPLICATE_THRESHOLD * weight - others) / WEIGHTS.birthDate;
  return Math.ceil(-BIRTH_GAP_SCALE_DAYS * Math.log(minimumBirth / 0.8));
})();

/** Days between the known birth periods of two cases; 0 when they overlap. */
export function birthGapDays(a: PreparedSubject, b: PreparedSubject): number {
  return Math.max(0, Math.max(a.born[0], b.born[0]) - Math.min(a.born[1], b.born[1]));
}

function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  return jaroWinkler(a, b);
}

function pairSimilarity(a: NameForms, b: NameForms): number {
  return Math.max(orderedSimilarity(a.latin, b.latin), orderedSimilarity(a.skeleton, b.skeleton) * SKELETON_FACTOR);
}

function orderedSimilarity([givenA, familyA]: Pair, [givenB, familyB]: Pair): number {
  const inOrder = (similarity(givenA, givenB) + similarity(familyA, familyB)) / 2;
  const swapped = ((similarity(givenA, familyB) + similarity(familyA, givenB)) / 2) * SWAPPED_ORDER_FACTOR;
  return Math.max(inOrder, swapped);
}

/** The best match between any name of one case and any name of the other (each may be in several scripts). */
function bestNameSimilarity(a: PreparedSubject['names'], b: PreparedSubject['names']): number {
  let best = 0;
  for (const x of a) for (const y of b) best = Math.max(best, pairSimilarity(x, y));
  return best;
}

/** Overlap coefficient: shared keys over the smaller set, so a case with more scripts is not penalised. */
function keyOverlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return a.size === b.size ? 1 : 0;
  let shared = 0;
  for (const key of a) if (b.has(key)) shared++;
  return shared / Math.min(a.size, b.size);
}

/** Same known period → 1; one period inside the other (an estimated year and an exact date in it) → 0.85; apart → decays with the gap. */
function birthSimilarity([startA, endA]: readonly [number, number], [startB, endB]: readonly [number, number]): number {
  if (startA === startB && endA === endB) return 1;
  const gap = Math.max(startA, startB) - Math.min(endA, endB);
  if (gap <= 0) return 0.85;
  return 0.8 * Math.exp(-gap / BIRTH_GAP_SCALE_DAYS);
}

export function birthInterval({ value, precision }: z.infer<typeof BirthDate>): [number, number] {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const days = (y: number, m: number, d: number) => Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
  if (precision === 'day') return [days(year, month, day), days(year, month, day)];
  if (precision === 'month') return [days(year, month, 1), days(year, month + 1, 0)];
  return [days(year, 1, 1), days(year, 12, 31)];
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));

/** What detection compares of a stored case or a registration. */
export function caseSubject(sex: DuplicateSubject['sex'], personal: Pick<CasePersonal, 'names' | 'birthDate' | 'mother' | 'facility'>): DuplicateSubject {
  return { names: personal.names, birthDate: personal.birthDate, sex, motherName: personal.mother?.name, facility: personal.facility };
}
