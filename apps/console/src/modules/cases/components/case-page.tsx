import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { useCan } from '../../auth/hooks/use-can';
import { CountryName } from '../../ui/components/country-name';
import { DateTime } from '../../ui/components/date-time';
import { Page } from '../../ui/components/page';
import { PersonName } from '../../ui/components/person-name';
import { ProblemAlert } from '../../ui/components/problem-alert';
import { useApi } from '../../ui/hooks/use-api';
import { useT } from '../../ui/hooks/use-t';
import { callApi } from '../../ui/utils/api-client';
import { ApiProblem } from '../../ui/utils/api-problem';
import type { CaseSummary } from '../types';
import { caseTimeline } from '../utils/case-timeline';
import { CaseEditForm } from './case-edit-form';
import { CaseTimelineList } from './case-timeline-list';

const PURPOSE = 'case work: review the case';

/** A child's case: who, where, the guardians, and the timeline across services; corrections and withdrawal for those who may. */
export default function CasePage() {
  const t = useT();
  const can = useCan();
  const { caseId } = useParams<{ caseId: string }>();
  const found = useApi<CaseSummary>('intake', `/cases/${caseId}`, PURPOSE);
  const legal = useApi<{ status: string; statusHistory: { status: string; at: string; by: string }[] }>('legal', can('legal-file:read') ? `/legal-files/${caseId}` : null, PURPOSE);
  const deliveries = useApi<{ deliveries: { milestone: string; status: string; sentAt?: string; failedAt?: string; language?: string }[] }>(
    'notification',
    can('delivery:read') ? `/cases/${caseId}/deliveries` : null,
    PURPOSE,
  );
  const [editing, setEditing] = useState(false);
  const [stale, setStale] = useState(false);
  const [withdrawReason, setWithdrawReason] = useState('');
  const [problem, setProblem] = useState<ApiProblem>();
  const c = found.data;
  const personal = c?.personal;
  return (
    <Page title={personal ? personal.names.map((n) => `${n.given} ${n.family}`).join(' · ') : t('case.title')}>
      <ProblemAlert problem={found.problem ?? problem} />
      {c ? (
        <>
          <dl className="facts" data-testid="case-facts">
            <dt>{t('cases.stage')}</dt>
            <dd data-testid="case-stage">{t(`stage.${c.stage}`)}</dd>
            <dt>{t('case.route')}</dt>
            <dd>
              <CountryName code={c.originState} /> → <CountryName code={c.destinationState} />
            </dd>
            {personal ? (
              <>
                <dt>{t('register.names')}</dt>
                <dd className="names">
                  {personal.names.map((n, i) => (
                    <PersonName key={i} name={n} />
                  ))}
                </dd>
                <dt>{t('register.birthDate')}</dt>
                <dd>
                  <DateTime value={personal.birthDate.value} dateOnly /> ({t(`precision.${personal.birthDate.precision}`)})
                </dd>
                <dt>{t('register.facilityName')}</dt>
                <dd data-testid="case-facility">{t('cases.facilityAt', { name: personal.facility.name, city: personal.facility.city })}</dd>
                <dt>{t('register.guardians')}</dt>
                <dd>
                  <ul>
                    {personal.guardians.map((g) => (
                      <li key={g.guardianId}>
                        <PersonName name={g.name} /> — {g.relationship}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            ) : (
              <dd>{t('cases.erased')}</dd>
            )}
          </dl>
          <div className="actions">
            {can('legal-file:read') ? <Link href={`/legal-files/${c.caseId}`}>{t('case.openLegalFile')}</Link> : null}
            {can('case:write') && personal && !editing ? (
              <button type="button" className="secondary" onClick={() => setEditing(true)} data-testid="edit">
                {t('edit.open')}
              </button>
            ) : null}
          </div>
          {stale ? (
            <div className="alert" role="alert" data-testid="stale-edit">
              <p>
                <strong>{t('edit.staleTitle')}</strong> {t('edit.staleBody')}
              </p>
            </div>
          ) : null}
          {editing && found.etag ? (
            <CaseEditForm
              key={found.etag}
              found={c}
              etag={found.etag}
              onSaved={() => {
                setEditing(false);
                setStale(false);
                found.reload();
              }}
              onStale={() => {
                setStale(true);
                found.reload();
              }}
            />
          ) : null}
          <h2>{t('case.timeline')}</h2>
          <CaseTimelineList entries={caseTimeline({ stages: c.stageHistory, legal: legal.data?.statusHistory, deliveries: deliveries.data?.deliveries })} />
          {can('case:write') && !['withdrawn', 'closed', 'rejected', 'boarded', 'arrived', 'handed-over'].includes(c.stage) ? (
            <form
              className="form"
              onSubmit={async (e) => {
                e.preventDefault();
                try {
                  await callApi('intake', `/cases/${c.caseId}/withdrawal`, { method: 'POST', body: { reason: withdrawReason }, purpose: 'case work: withdraw the case' });
                  found.reload();
                } catch (error) {
                  if (error instanceof ApiProblem) setProblem(error);
                }
              }}
            >
              <h2>{t('case.withdraw')}</h2>
              <label>
                <span>{t('case.withdrawReason')}</span>
                <input value={withdrawReason} onChange={(e) => setWithdrawReason(e.target.value)} required dir="auto" />
              </label>
              <button type="submit" className="danger">
                {t('case.withdraw')}
              </button>
            </form>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
