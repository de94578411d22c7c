import type { PersonName } from '@homeward/contracts';
import doubleMetaphone from 'talisman/phonetics/double-metaphone';
import { transliterate } from 'transliteration';

/**
 * Search keys of a child's names, the same whatever script or spelling a case
 * worker typed: "Ахмед", "Ahmed", "Ahmad" and "أحمد" share at least one key.
 *
 * Per token (given and family names split on spaces and hyphens), three kinds:
 * - `t:` the token transliterated to Latin, lower-case, diacritics folded;
 * - `m:` its double metaphone codes (catches vowel spellings: Ahmed/Ahmad);
 * - `s:` its consonant skeleton, because Arabic script writes no short vowels
 *   ("أحمد" transliterates to "hmd", which metaphone codes differently).
 *   Skeletons shorter than two letters ("Ali" → "l") would match too much.
 *
 * The keys are derived from personal data; the privacy layer will store them
 * as a keyed hash (a blind index) without changing how they are compared.
 */
export function nameKeys(names: readonly PersonName[]): string[] {
  const keys = new Set<string>();
  for (const name of names) {
    for (const token of nameTokens(`${name.given} ${name.family}`)) {
      for (const key of tokenKeys(token)) keys.add(key);
    }
  }
  return [...keys].sort();
}

/** Keys per token of a free-text query, for a search that needs every token to match. */
export function queryNameKeys(query: string): string[][] {
  return nameTokens(query).map(tokenKeys);
}

/** Lower-case Latin tokens of a name in any script. */
export function nameTokens(text: string): string[] {
  const latin = transliterate(text.normalize('NFKC'))
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
  return latin
    .split(/[\s\-‐‑–—_.,;:/]+/u)
    .map((t) => t.replace(/[^a-z]/g, ''))
    .filter((t) => t.length > 0);
}

function tokenKeys(token: string): string[] {
  const keys = [`t:${token}`];
  const [primary, secondary] = doubleMetaphone(token);
  if (primary) keys.push(`m:${primary}`);
  if (secondary && secondary !== primary) keys.push(`m:${secondary}`);
  const skeleton = consonantSkeleton(token);
  if (skeleton.length >= 2) keys.push(`s:${skeleton}`);
  return keys;
}

/** Consonants only, doubled letters collapsed, a final "h" dropped (Fatimah/فاطمة, Abdullah/Абдулла). */
export function consonantSkeleton(token: string): string {
  return token
    .replace(/[aeiouyw]/g, '')
    .replace(/(.)\1+/g, '$1')
    .replace(/(.)h$/, '$1');
}
