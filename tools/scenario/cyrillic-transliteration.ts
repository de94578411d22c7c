// ICAO Doc 9303 (7th ed., part 3), the scheme of Russian international
// passports since 2014: a fixed table, so every name has one Latin spelling.
const ICAO_9303: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

/**
 * Latin spelling of a Russian Cyrillic name as a passport would print it
 * (only the first letter capitalised: Хасан → Khasan). Written here rather
 * than taken from the `transliteration` package, whose scheme is not ICAO's.
 */
export function transliterateCyrillic(name: string): string {
  let latin = '';
  for (const char of name) {
    const lower = char.toLowerCase();
    const mapped = ICAO_9303[lower];
    if (mapped === undefined) {
      latin += char;
    } else if (char !== lower && mapped.length > 0) {
      latin += mapped[0]!.toUpperCase() + mapped.slice(1);
    } else {
      latin += mapped;
    }
  }
  return latin;
}
