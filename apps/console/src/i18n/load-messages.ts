import type { Locale } from './locales';
import en from './messages/en.json';

/** A language's catalogue, fetched when chosen; a message it lacks falls back to English. */
export async function loadMessages(locale: Locale): Promise<Record<string, string>> {
  if (locale === 'en') return en;
  const loaded = (await (locale === 'ru' ? import('./messages/ru.json') : locale === 'ar' ? import('./messages/ar.json') : import('./messages/fr.json'))).default;
  return { ...en, ...(loaded as Record<string, string>) };
}
