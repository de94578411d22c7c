import { createContext, useContext } from 'react';
import type { Locale } from '../i18n/locales';

export const LocaleContext = createContext<{ locale: Locale; setLocale(locale: Locale): void }>({ locale: 'en', setLocale: () => undefined });
export const useLocale = () => useContext(LocaleContext);
