import fc from 'fast-check';
import { birthInterval, DUPLICATE_THRESHOLD, duplicateScore, prepareSubject, type DuplicateSubject } from './duplicate-scoring';
import { brother, fatimaCyrillic, fatimaLatin, sister, stranger, twinBrother } from './duplicate-scoring.fixture';

const score = (a: DuplicateSubject, b: DuplicateSubject) => duplicateScore(prepareSubject(a), prepareSubject(b));

describe('duplicateScore on known pairs', () => {
  it('flags the same child written in Cyrillic with an estimated birth year and in Latin with the exact date', () => {
    const result = score(fatimaLatin, fatimaCyrillic);
    expect(result.name).toBe(1);
    expect(result.birthDate).toBe(0.85);
    expect(result.score).toBeGreaterThan(0.95);
  });

  it('flags the same child in Arabic script without a mother, through the consonant skeletons', () => {
    const arabic = { ...fatimaLatin, names: [{ given: 'فاطمة', family: 'إسماعيلوفا', script: 'arabic' as const }], motherName: undefined };
    const result = score(fatimaLatin, arabic);
    expect(result.mother).toBeUndefined();
    expect(result.score).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
  });

  it('flags a spelling typo with a birth date a few days off', () => {
    const typo = { ...fatimaLatin, names: [{ given: 'Fatma', family: 'Ismailova', script: 'latin' as const }], birthDate: { value: '2015-04-15', precision: 'day' as const } };
    expect(score(fatimaLatin, typo).score).toBeGreaterThan(0.85);
  });

  it('matches a name written family-first', () => {
    const swapped = { ...fatimaLatin, names: [{ given: 'Ismailova', family: 'Fatima', script: 'latin' as const }] };
    expect(score(fatimaLatin, swapped).name).toBeGreaterThan(0.9);
  });

  it.each([
    ['a sister', sister],
    ['a brother', brother],
    ['a twin brother', twinBrother],
    ['an unrelated girl in the same camp', stranger],
    ['a namesake born a year later', { ...fatimaLatin, birthDate: { value: '2016-04-12', precision: 'day' as const } }],
  ])('leaves %s alone', (_who, other) => {
    expect(score(fatimaLatin, other).score).toBeLessThan(DUPLICATE_THRESHOLD);
  });

  it('leaves out the mother when either side lacks her, rather than counting a mismatch', () => {
    const withoutMother = { ...fatimaLatin, motherName: undefined };
    expect(score(fatimaLatin, withoutMother)).toEqual({ score: 1, name: 1, birthDate: 1, facility: 1 });
  });

  it('halves the score when the recorded sexes differ, but not when one is unknown', () => {
    expect(score(fatimaLatin, { ...fatimaLatin, sex: 'male' }).score).toBeCloseTo(0.5);
    expect(score(fatimaLatin, { ...fatimaLatin, sex: 'unknown' }).score).toBe(1);
  });

  it('counts the same city a little and another facility nothing', () => {
    expect(score(fatimaLatin, { ...fatimaLatin, facility: { name: 'Camp Roj', city: 'Hasakah' } }).facility).toBe(0.4);
    expect(score(fatimaLatin, { ...fatimaLatin, facility: { name: 'Orphanage 3', city: 'Baghdad' } }).facility).toBe(0);
  });
});

describe('birthInterval', () => {
  it('spans the known period', () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    expect(birthInterval({ value: '2015-04-12', precision: 'day' })).toEqual([day('2015-04-12'), day('2015-04-12')]);
    expect(birthInterval({ value: '2016-02-01', precision: 'month' })).toEqual([day('2016-02-01'), day('2016-02-29')]);
    expect(birthInterval({ value: '2015-01-01', precision: 'year' })).toEqual([day('2015-01-01'), day('2015-12-31')]);
  });
});

describe('duplicateScore properties', () => {
  const latinWord = fc.stringMatching(/^[A-Z][a-z]{1,9}$/);
  const cyrillicWord = fc.stringMatching(/^[А-Я][а-я]{1,9}$/);
  const name = fc.oneof(
    fc.record({ given: latinWord, family: latinWord, script: fc.constant('latin' as const) }),
    fc.record({ given: cyrillicWord, family: cyrillicWord, script: fc.constant('cyrillic' as const) }),
  );
  const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const precision = fc.constantFrom('day' as const, 'month' as const, 'year' as const);
  const subject: fc.Arbitrary<DuplicateSubject> = fc.record({
    names: fc.array(name, { minLength: 1, maxLength: 3 }),
    birthDate: fc.tuple(isoDate, precision).map(([value, p]) => ({
      value: p === 'day' ? value : p === 'month' ? `${value.slice(0, 8)}01` : `${value.slice(0, 5)}01-01`,
      precision: p,
    })),
    sex: fc.constantFrom('female' as const, 'male' as const, 'unknown' as const),
    motherName: fc.option(name, { nil: undefined }),
    facility: fc.record({ name: fc.constantFrom('Camp Al-Hol', 'Camp Roj', 'Orphanage 3'), city: fc.constantFrom('Hasakah', 'Baghdad') }),
  });

  it('is symmetric', () => {
    fc.assert(fc.property(subject, subject, (a, b) => expect(score(a, b)).toEqual(score(b, a))));
  });

  it('stays within [0, 1], every component too', () => {
    fc.assert(
      fc.property(subject, subject, (a, b) => {
        for (const value of Object.values(score(a, b))) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('scores identical records 1', () => {
    fc.assert(fc.property(subject, (a) => expect(score(a, structuredClone(a)).score).toBe(1)));
  });

  it('scores lower when an exact birth date moves to another year', () => {
    fc.assert(
      fc.property(subject, fc.integer({ min: 1, max: 10 }), (a, years) => {
        const exact = { ...a, birthDate: { value: '2012-06-15', precision: 'day' as const } };
        const moved = { ...a, birthDate: { value: `${2012 + years}-06-15`, precision: 'day' as const } };
        expect(score(exact, moved).score).toBeLessThan(score(exact, exact).score);
        expect(score(exact, moved).birthDate).toBeLessThan(0.01);
      }),
    );
  });

  it('lets an estimated year overlap any exact date within it', () => {
    fc.assert(
      fc.property(subject, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (a, month, day) => {
        const estimated = { ...a, birthDate: { value: '2014-01-01', precision: 'year' as const } };
        const exact = { ...a, birthDate: { value: `2014-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, precision: 'day' as const } };
        expect(score(estimated, exact).birthDate).toBe(0.85);
      }),
    );
  });

  it('never rises when the names of one side change', () => {
    fc.assert(
      fc.property(subject, name, (a, other) => {
        const renamed = { ...a, names: [other] };
        expect(score(a, renamed).score).toBeLessThanOrEqual(score(a, a).score);
      }),
    );
  });
});
