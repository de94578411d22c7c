import { nameKeys, nameTokens, queryNameKeys } from './name-keys';

const latin = (given: string, family = 'X') => ({ given, family, script: 'latin' as const });
const shares = (query: string, given: string) => {
  const stored = new Set(nameKeys([latin(given)]));
  return queryNameKeys(query).every((keys) => keys.some((k) => stored.has(k)));
};

describe('nameKeys', () => {
  it('lets "Ахмед" find "Ahmed" and "Ahmad"', () => {
    expect(shares('Ахмед', 'Ahmed')).toBe(true);
    expect(shares('Ахмед', 'Ahmad')).toBe(true);
    expect(shares('Ahmad', 'Ахмед')).toBe(true);
  });

  it('matches Arabic script, which writes no short vowels, through the consonant skeleton', () => {
    expect(shares('أحمد', 'Ahmed')).toBe(true);
    expect(shares('محمد', 'Mohammed')).toBe(true);
    expect(shares('فاطمة', 'Fatimah')).toBe(true);
    expect(shares('مريم', 'Мариам')).toBe(true);
  });

  it('folds case and diacritics and splits compound names', () => {
    expect(nameTokens('Zoë-Şükrü  AL FARSI')).toEqual(['zoe', 'sukru', 'al', 'farsi']);
    expect(nameKeys([latin('ZOË')])).toEqual(nameKeys([latin('zoe')]));
  });

  it('does not match different names', () => {
    expect(shares('Fatima', 'Ahmed')).toBe(false);
    expect(shares('Иванова', 'Petrova')).toBe(false);
  });

  it('keeps no one-letter skeleton, which would match too many names', () => {
    expect(nameKeys([latin('Ali')]).filter((k) => k.startsWith('s:'))).toEqual([]);
  });

  it('gives sorted, distinct keys for all names in all scripts', () => {
    const keys = nameKeys([latin('Ahmed', 'Ivanov'), { given: 'Ахмед', family: 'Иванов', script: 'cyrillic' }]);
    expect(keys).toEqual([...new Set(keys)].sort());
    expect(keys).toContain('t:ahmed');
    expect(keys).toContain('t:ivanov');
  });

  it('has no keys for a query without letters', () => {
    expect(queryNameKeys(' - 123 ')).toEqual([]);
  });
});
