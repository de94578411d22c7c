import { useState } from 'react';
import { DateTime } from '../../ui/components/date-time';
import { Page } from '../../ui/components/page';
import { ProblemAlert } from '../../ui/components/problem-alert';
import { useApi } from '../../ui/hooks/use-api';
import { useT } from '../../ui/hooks/use-t';
import type { ServiceName } from '../../ui/utils/api-client';

const SERVICES: readonly ServiceName[] = ['intake', 'legal', 'logistics', 'notification'];

interface AuditRecord {
  readonly seq: number;
  readonly at: string;
  readonly actor: { userId: string; roles: string[]; agency?: string } | string;
  readonly action: string;
  readonly operation: string;
  readonly caseId?: string;
  readonly purpose?: string;
  readonly status: number;
  readonly fields?: string[];
}

/** The auditor's view: each service's trail searched by case, person and time, and whether the chain verifies. */
export default function AuditPage() {
  const t = useT();
  const [service, setService] = useState<ServiceName>('intake');
  const [filters, setFilters] = useState({ caseId: '', actor: '', from: '', to: '' });
  const [query, setQuery] = useState('');
  const records = useApi<{ items?: AuditRecord[]; records?: AuditRecord[] } | AuditRecord[]>(service, `/audit?limit=200${query}`, 'audit: review the trail');
  const verification = useApi<{ valid: boolean; records: number; firstBreak?: { seq: number; problem: string } }>(service, '/audit/verification', 'audit: verify the chain');
  const items = Array.isArray(records.data) ? records.data : (records.data?.items ?? records.data?.records ?? []);
  return (
    <Page title={t('audit.title')}>
      <form
        role="search"
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const q = new URLSearchParams();
          if (filters.caseId) q.set('caseId', filters.caseId);
          if (filters.actor) q.set('actor', filters.actor);
          if (filters.from) q.set('from', new Date(filters.from).toISOString());
          if (filters.to) q.set('to', new Date(filters.to).toISOString());
          setQuery(q.size ? `&${q}` : '');
        }}
      >
        <label>
          <span>{t('audit.service')}</span>
          <select value={service} onChange={(e) => setService(e.target.value as ServiceName)} data-testid="audit-service">
            {SERVICES.map((s) => (
              <option key={s} value={s}>
                {t(`service.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {(['caseId', 'actor'] as const).map((name) => (
          <label key={name}>
            <span>{t(`audit.${name}`)}</span>
            <input value={filters[name]} onChange={(e) => setFilters({ ...filters, [name]: e.target.value })} />
          </label>
        ))}
        {(['from', 'to'] as const).map((name) => (
          <label key={name}>
            <span>{t(`audit.${name}`)}</span>
            <input type="datetime-local" value={filters[name]} onChange={(e) => setFilters({ ...filters, [name]: e.target.value })} />
          </label>
        ))}
        <button type="submit">{t('cases.search')}</button>
      </form>
      <ProblemAlert problem={records.problem ?? verification.problem} />
      {verification.data ? (
        <p className={verification.data.valid ? 'notice ok' : 'alert'} data-testid="audit-verification">
          {verification.data.valid
            ? t('audit.valid', { records: verification.data.records })
            : t('audit.broken', { seq: verification.data.firstBreak?.seq ?? 0, problem: verification.data.firstBreak?.problem ?? '' })}
        </p>
      ) : null}
      <table className="list" data-testid="audit-records">
        <caption className="visually-hidden">{t('audit.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.operation')}</th>
            <th scope="col">{t('audit.purpose')}</th>
            <th scope="col">{t('audit.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.seq}>
              <td>
                <DateTime value={r.at} />
              </td>
              <td>{typeof r.actor === 'string' ? r.actor : r.actor?.userId}</td>
              <td>
                <code>{r.operation}</code> {r.caseId ? <code>{r.caseId.slice(0, 8)}</code> : null}
              </td>
              <td>{r.purpose}</td>
              <td>{r.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
