import { useEffect, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { directionOf, initialLocale, type Locale } from '../i18n/locales';
import { loadMessages } from '../i18n/load-messages';
import en from '../i18n/messages/en.json';
import { LocaleContext } from './locale-context';

const STORAGE_KEY = 'homeward.locale';

/** The console's language: messages loaded on demand, `lang` and `dir` on the document so the whole layout mirrors. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(() => initialLocale(new URLSearchParams(window.location.search).get('lang') ?? localStorage.getItem(STORAGE_KEY), navigator.languages));
  const [messages, setMessages] = useState<Record<string, string> | undefined>(locale === 'en' ? en : undefined);
  useEffect(() => {
    let current = true;
    loadMessages(locale).then((loaded) => current && setMessages(loaded));
    document.documentElement.lang = locale;
    document.documentElement.dir = directionOf(locale);
    localStorage.setItem(STORAGE_KEY, locale);
    return () => {
      current = false;
    };
  }, [locale]);
  if (!messages) return null;
  return (
    <LocaleContext.Provider value={{ locale, setLocale }}>
      <IntlProvider locale={locale} defaultLocale="en" messages={messages}>
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
