import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import type { Permission } from '@homeward/auth/permissions';
import { LOCALES, type Locale } from '../i18n/locales';
import { useSession } from '../modules/auth/components/session-context';
import { useCan } from '../modules/auth/hooks/use-can';
import { signOut } from '../modules/auth/utils/sign-in';
import { useT } from '../modules/ui/hooks/use-t';
import { useLocale } from './locale-context';

const NAV: readonly { href: string; label: string; permission: Permission }[] = [
  { href: '/cases', label: 'nav.cases', permission: 'case:read' },
  { href: '/imports', label: 'nav.imports', permission: 'import:write' },
  { href: '/duplicates', label: 'nav.duplicates', permission: 'duplicate:review' },
  { href: '/legal-files', label: 'nav.legalFiles', permission: 'legal-file:read' },
  { href: '/programmes', label: 'nav.programmes', permission: 'programme:read' },
  { href: '/movements', label: 'nav.movements', permission: 'movement:read' },
  { href: '/audit', label: 'nav.audit', permission: 'audit:read' },
  { href: '/subscriptions', label: 'nav.subscriptions', permission: 'subscription:manage' },
  { href: '/dashboard', label: 'nav.dashboard', permission: 'dashboard:read' },
];

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский', ar: 'العربية', fr: 'Français' };

/** The frame of every screen: where one can go (only what one's roles allow), who is signed in, the language, sign-out. */
export function Shell({ children }: { children: ReactNode }) {
  const t = useT();
  const { user, csrfToken } = useSession();
  const can = useCan();
  const { locale, setLocale } = useLocale();
  const [location] = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="top-bar">
        <Link href="/" className="brand">
          Homeward
        </Link>
        <nav aria-label={t('shell.navigation')}>
          <ul>
            {NAV.filter((n) => can(n.permission)).map((n) => (
              <li key={n.href}>
                <Link href={n.href} aria-current={location.startsWith(n.href) ? 'page' : undefined}>
                  {t(n.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span data-testid="signed-in-as">{t('shell.signedInAs', { name: user.name })}</span>
          <label className="language">
            <span>{t('shell.language')}</span>
            <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} data-testid="language">
              {LOCALES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="secondary" onClick={() => void signOut(csrfToken)}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <main id="main">{children}</main>
    </>
  );
}
