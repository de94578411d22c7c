import { transliterateCyrillic } from './cyrillic-transliteration';

describe('transliterateCyrillic (ICAO Doc 9303)', () => {
  it.each([
    ['Хадижат', 'Khadizhat'],
    ['Юсупов', 'Iusupov'],
    ['Марьям', 'Mariam'],
    ['Щукина', 'Shchukina'],
    ['Зайцева', 'Zaitseva'],
    ['Подъезжев', 'Podieezzhev'],
    ['Фёдор', 'Fedor'],
    ['Эльмира', 'Elmira'],
  ])('%s → %s', (cyrillic, latin) => {
    expect(transliterateCyrillic(cyrillic)).toBe(latin);
  });

  it('leaves characters outside the Russian alphabet as they are', () => {
    expect(transliterateCyrillic('Анна-Мария A.')).toBe('Anna-Mariia A.');
  });
});
