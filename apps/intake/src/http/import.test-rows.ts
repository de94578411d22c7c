/**
 * Rows for the import tests and the benchmark: children different enough
 * (names, mothers, birth dates spread over ten years) that only the pairs a
 * test plants are duplicates.
 */
const GIVEN = ['Amina', 'Yusuf', 'Maryam', 'Ibrahim', 'Khadija', 'Umar', 'Safiya', 'Ali', 'Zainab', 'Hamza', 'Aisha', 'Idris', 'Layla', 'Musa', 'Hafsa', 'Bilal', 'Ruslan', 'Elina', 'Timur', 'Dzhamila'];
const MOTHERS = ['Patimat', 'Luiza', 'Madina', 'Zarema', 'Asiyat', 'Kheda', 'Raisat', 'Milana', 'Saida', 'Elmira', 'Diana', 'Aminat'];
const SYLLABLES = ['bar', 'kel', 'mur', 'tag', 'sel', 'luv', 'nor', 'vek', 'dez', 'pil', 'gom', 'zaf', 'bul', 'fir', 'hut', 'jon', 'kaz', 'lem', 'mis', 'nub', 'rot', 'sun', 'tik', 'vol', 'yar', 'zub', 'dag', 'gir', 'hal', 'kop', 'rus', 'tem'];
const DAY_MS = 86_400_000;

const mix = (n: number, salt: number) => Math.imul(n + salt, 2654435761) >>> 0;

export function familyName(n: number): string {
  const h = mix(n, 17);
  const length = 2 + (h % 2);
  const name = Array.from({ length }, (_x, i) => SYLLABLES[(h >>> (5 * i + 3)) % SYLLABLES.length]!).join('');
  return `${name[0]!.toUpperCase()}${name.slice(1)}`;
}

export function importRow(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const female = n % 2 === 0;
  const family = familyName(n);
  const born = new Date(Date.UTC(2012, 0, 1) + (mix(n, 91) % 3_650) * DAY_MS).toISOString().slice(0, 10);
  return {
    rowReference: `HOL-${String(n).padStart(6, '0')}`,
    sex: female ? 'female' : 'male',
    names: [{ given: GIVEN[mix(n, 5) % GIVEN.length]!, family: `${family}${female ? 'ova' : 'ov'}`, script: 'latin' }],
    birthDate: { value: born, precision: 'day' },
    facility: { type: 'camp', name: `Camp Al-Hol sector ${n % 8}`, city: 'Hasakah' },
    mother: { name: { given: MOTHERS[mix(n, 33) % MOTHERS.length]!, family: `${family}ova`, script: 'latin' }, status: 'detained' },
    guardians: [{ relationship: 'grandmother', name: { given: 'Anna', family: `${family}ova`, script: 'latin' }, email: `guardian${n}@example.org`, preferredLanguage: 'ru' }],
    ...overrides,
  };
}
