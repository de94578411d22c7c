import { Link, useSearchParams } from 'wouter';
import { DateTime } from '../../ui/components/date-time';
import { Page } from '../../ui/components/page';
import { ProblemAlert } from '../../ui/components/problem-alert';
import { useApi } from '../../ui/hooks/use-api';
import { useT } from '../../ui/hooks/use-t';
import { LEGAL_STATUSES, type LegalFileListItem } from '../types';

/** The legal officers' and supervisors' queue: files by state, with how far each checklist has got and open holds. */
export default function LegalQueuePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const list = useApi<{ items: LegalFileListItem[] }>('legal', `/legal-files?status=${encodeURIComponent(status)}&limit=100`, 'legal review: the queue');
  return (
    <Page title={t('legal.queueTitle')}>
      <div className="tabs" role="group" aria-label={t('legal.byStatus')}>
        {LEGAL_STATUSES.map((s) => (
          <button key={s} type="button" className={s === status ? 'tab current' : 'tab'} aria-pressed={s === status} onClick={() => setParams({ status: s })}>
            {t(`legalStatus.${s}`)}
          </button>
        ))}
      </div>
      <ProblemAlert problem={list.problem} />
      {list.data ? (
        list.data.items.length === 0 ? (
          <p>{t('legal.none')}</p>
        ) : (
          <table className="list" data-testid="legal-queue">
            <caption className="visually-hidden">{t('legal.queueTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('legal.case')}</th>
                <th scope="col">{t('legal.checklist')}</th>
                <th scope="col">{t('legal.holds')}</th>
                <th scope="col">{t('legal.openedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((f) => (
                <tr key={f.caseId}>
                  <td>
                    <Link href={`/legal-files/${f.caseId}`} data-case={f.caseId}>
                      {f.caseId.slice(0, 8)}
                    </Link>
                  </td>
                  <td>{t('legal.progress', { done: f.requirements.filter((r) => r.status === 'satisfied').length, total: f.requirements.length })}</td>
                  <td>{f.activeHolds}</td>
                  <td>
                    <DateTime value={f.openedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </Page>
  );
}
