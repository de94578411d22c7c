import { directionOf, initialLocale } from './locales';

describe('the console language', () => {
  it('keeps the one chosen, else takes the browser preference it speaks, else English', () => {
    expect(initialLocale('fr', ['ru-RU'])).toBe('fr');
    expect(initialLocale(null, ['de-DE', 'ar-IQ'])).toBe('ar');
    expect(initialLocale('xx', ['de'])).toBe('en');
  });

  it('writes Arabic right to left and the others left to right', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('ru')).toBe('ltr');
  });
});
