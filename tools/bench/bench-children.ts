/**
 * The children the benchmark registers and imports: every one distinct
 * (a family name spelt from the case number in 32 syllables, so a million
 * numbers give a million names), named in Latin and Cyrillic so that the
 * name search can be timed in either script, with one guardian whose
 * address carries the run's tag and the number: an e-mail in Mailpit
 * names the case it is for.
 */
const SYLLABLES = [
  ['ba', 'ба'], ['ke', 'ке'], ['mu', 'му'], ['ta', 'та'], ['se', 'се'], ['lu', 'лу'], ['no', 'но'], ['ve', 'ве'],
  ['de', 'де'], ['pi', 'пи'], ['go', 'го'], ['za', 'за'], ['bu', 'бу'], ['fi', 'фи'], ['ru', 'ру'], ['te', 'те'],
  ['ka', 'ка'], ['li', 'ли'], ['mi', 'ми'], ['nu', 'ну'], ['ro', 'ро'], ['su', 'су'], ['ti', 'ти'], ['vo', 'во'],
  ['ya', 'я'], ['zu', 'зу'], ['da', 'да'], ['gi', 'ги'], ['ha', 'ха'], ['ko', 'ко'], ['sa', 'са'], ['to', 'то'],
] as const;
const GIVEN = [
  ['Amina', 'Амина'], ['Yusuf', 'Юсуф'], ['Maryam', 'Марьям'], ['Ibrahim', 'Ибрагим'], ['Khadija', 'Хадиджа'], ['Umar', 'Умар'],
  ['Safiya', 'Сафия'], ['Ali', 'Али'], ['Zainab', 'Зайнаб'], ['Hamza', 'Хамза'], ['Aisha', 'Аиша'], ['Idris', 'Идрис'],
] as const;
const DAY_MS = 86_400_000;

export interface BenchName {
  readonly given: string;
  readonly family: string;
  readonly script: 'latin' | 'cyrillic';
}

/** The family name of child `n` in both scripts (four syllables, capitalised). */
export function familyNames(n: number): { latin: string; cyrillic: string } {
  // An odd multiplier permutes 0…2^20−1: consecutive numbers get names that differ in every syllable.
  const m = Math.imul(n % 2 ** 20, 0x9e3779b1 | 1) & (2 ** 20 - 1);
  const digits = [0, 1, 2, 3].map((i) => Math.floor(m / 32 ** i) % 32);
  const capital = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;
  return {
    latin: capital(digits.map((d) => SYLLABLES[d]![0]).join('')),
    cyrillic: capital(digits.map((d) => SYLLABLES[d]![1]).join('')),
  };
}

export function guardianAddress(tag: string, n: number): string {
  return `${tag}-${n}@bench.example.org`;
}

/** The child as an import row (intake's `POST /imports`); `POST /cases` takes the same with the programme. */
export function benchChild(tag: string, n: number): Record<string, unknown> {
  const female = n % 2 === 0;
  const family = familyNames(n);
  const [givenLatin, givenCyrillic] = GIVEN[n % GIVEN.length]!;
  const suffix = female ? ['ova', 'ова'] : ['ov', 'ов'];
  const born = new Date(Date.UTC(2013, 0, 1) + ((n * 7919) % 3_650) * DAY_MS).toISOString().slice(0, 10);
  return {
    rowReference: `${tag}-${n}`,
    sex: female ? 'female' : 'male',
    names: [
      { given: givenLatin, family: `${family.latin}${suffix[0]}`, script: 'latin' },
      { given: givenCyrillic, family: `${family.cyrillic}${suffix[1]}`, script: 'cyrillic' },
    ],
    birthDate: { value: born, precision: 'day' },
    facility: { type: 'camp', name: `Camp Al-Hol sector ${n % 8}`, city: 'Hasakah' },
    mother: { name: { given: 'Patimat', family: `${family.latin}ova`, script: 'latin' }, status: 'detained' },
    guardians: [{ relationship: 'grandmother', name: { given: 'Anna', family: `${family.latin}ova`, script: 'latin' }, email: guardianAddress(tag, n), preferredLanguage: 'ru' }],
  };
}

/** The body of `POST /cases` for child `n`. */
export function registration(programmeId: string, tag: string, n: number): Record<string, unknown> {
  const { rowReference: _r, ...child } = benchChild(tag, n);
  return { programmeId, ...child };
}
