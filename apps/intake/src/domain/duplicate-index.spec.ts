import { DuplicateIndex } from './duplicate-index';
import { prepareSubject, type DuplicateSubject } from './duplicate-scoring';
import { brother, fatimaCyrillic, fatimaLatin, sister, stranger } from './duplicate-scoring.fixture';

const index = (entries: Record<string, DuplicateSubject>) => {
  const built = new DuplicateIndex();
  for (const [id, subject] of Object.entries(entries)) built.put(id, prepareSubject(subject));
  return built;
};

describe('DuplicateIndex', () => {
  it('finds the same child in another script and nobody else', () => {
    const built = index({ cyr: fatimaCyrillic, bro: brother, sis: sister, other: stranger });
    expect(built.matches('new', prepareSubject(fatimaLatin)).map((m) => m.caseId)).toEqual(['cyr']);
  });

  it('never matches a case with itself', () => {
    const built = index({ a: fatimaLatin });
    expect(built.matches('a', prepareSubject(fatimaLatin))).toEqual([]);
  });

  it('forgets a removed case and replaces a corrected one', () => {
    const built = index({ cyr: fatimaCyrillic, x: stranger });
    built.remove('cyr');
    expect(built.matches('new', prepareSubject(fatimaLatin))).toEqual([]);
    built.put('x', prepareSubject(fatimaCyrillic));
    expect(built.matches('new', prepareSubject(fatimaLatin)).map((m) => m.caseId)).toEqual(['x']);
    expect(built.size).toBe(1);
  });

  it('finds the match among thousands of cases sharing a common given name', () => {
    const built = new DuplicateIndex();
    for (let i = 0; i < 5_000; i++) {
      const birthDate = { value: `${2008 + (i % 10)}-${String(1 + (i % 12)).padStart(2, '0')}-10`, precision: 'day' as const };
      built.put(`c${i}`, prepareSubject({ ...stranger, birthDate, names: [{ given: 'Fatima', family: `Family${i}`, script: 'latin' }] }));
    }
    built.put('cyr', prepareSubject(fatimaCyrillic));
    expect(built.matches('new', prepareSubject(fatimaLatin)).map((m) => m.caseId)).toEqual(['cyr']);
  });
});
