import { useIntl } from 'react-intl';
import { Link } from 'wouter';
import { useT } from '../../ui/hooks/use-t';
import { Page } from '../../ui/components/page';
import { useCan } from '../hooks/use-can';
import { useSession } from './session-context';

/** Where each person starts: their tasks, by role. */
export function HomePage() {
  const t = useT();
  const can = useCan();
  const { user } = useSession();
  const intl = useIntl();
  const tasks = [
    can('case:write') && { href: '/cases/new', label: 'home.register' },
    can('case:read') && { href: '/cases', label: 'home.findCase' },
    can('import:write') && { href: '/imports', label: 'nav.imports' },
    can('legal-file:read') && { href: '/legal-files?status=open', label: 'home.legalQueue' },
    can('clearance:approve') && { href: '/legal-files?status=clearance-requested', label: 'home.clearances' },
    can('programme:write') && { href: '/programmes', label: 'home.programmes' },
    can('movement:write') && { href: '/movements', label: 'home.movements' },
    can('audit:read') && { href: '/audit', label: 'home.audit' },
    can('subscription:manage') && { href: '/subscriptions', label: 'nav.subscriptions' },
    can('dashboard:read') && { href: '/dashboard', label: 'home.dashboard' },
  ].filter((x): x is { href: string; label: string } => Boolean(x));
  return (
    <Page title={t('home.title', { name: user.name })}>
      <p>{t('home.roles', { roles: intl.formatList(user.roles.map((r) => t(`role.${r}`))), agency: user.agency })}</p>
      <ul className="tasks">
        {tasks.map((task) => (
          <li key={task.href}>
            <Link href={task.href}>{t(task.label)}</Link>
          </li>
        ))}
      </ul>
    </Page>
  );
}
