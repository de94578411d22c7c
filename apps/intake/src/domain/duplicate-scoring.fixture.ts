import type { DuplicateSubject } from './duplicate-scoring';

/** The same girl as a camp list in Latin script records her. */
export const fatimaLatin: DuplicateSubject = {
  names: [{ given: 'Fatima', family: 'Ismailova', script: 'latin' }],
  birthDate: { value: '2015-04-12', precision: 'day' },
  sex: 'female',
  motherName: { given: 'Zaynab', family: 'Ismailova', script: 'latin' },
  facility: { name: 'Camp Al-Hol', city: 'Hasakah' },
};

/** …and as a Russian ministry list records her: Cyrillic, birth year only. */
export const fatimaCyrillic: DuplicateSubject = {
  names: [{ given: 'Фатима', family: 'Исмаилова', script: 'cyrillic' }],
  birthDate: { value: '2015-01-01', precision: 'year' },
  sex: 'female',
  motherName: { given: 'Зайнаб', family: 'Исмаилова', script: 'cyrillic' },
  facility: { name: 'camp al-hol', city: 'Hasakah' },
};

/** Her brother: same family, mother and camp. */
export const brother: DuplicateSubject = {
  ...fatimaLatin,
  names: [{ given: 'Yusuf', family: 'Ismailov', script: 'latin' }],
  birthDate: { value: '2012-09-03', precision: 'day' },
  sex: 'male',
};

/** Her younger sister. */
export const sister: DuplicateSubject = {
  ...fatimaLatin,
  names: [{ given: 'Maryam', family: 'Ismailova', script: 'latin' }],
  birthDate: { value: '2017-02-20', precision: 'day' },
};

/** A twin brother: same everything but his name and sex. */
export const twinBrother: DuplicateSubject = { ...fatimaLatin, names: [{ given: 'Farid', family: 'Ismailov', script: 'latin' }], sex: 'male' };

/** An unrelated girl in the same camp. */
export const stranger: DuplicateSubject = {
  names: [{ given: 'Aisha', family: 'Magomedova', script: 'latin' }],
  birthDate: { value: '2014-07-30', precision: 'day' },
  sex: 'female',
  facility: { name: 'Camp Al-Hol', city: 'Hasakah' },
};
