import { useState } from 'react';
import { FormattedNumber } from 'react-intl';
import { DateTime } from '../../ui/components/date-time';
import { Page } from '../../ui/components/page';
import { PersonName } from '../../ui/components/person-name';
import { ProblemAlert } from '../../ui/components/problem-alert';
import { useApi } from '../../ui/hooks/use-api';
import { useT } from '../../ui/hooks/use-t';
import { callApi } from '../../ui/utils/api-client';
import { ApiProblem } from '../../ui/utils/api-problem';
import type { CaseSummary } from '../types';

interface Duplicate {
  readonly duplicateId: string;
  readonly caseIds: readonly [string, string];
  readonly score: { score: number; name: number; birthDate: number; mother?: number; facility: number };
  readonly status: string;
  readonly detectedAt: string;
}

const PURPOSE = 'case work: review potential duplicates';

function CaseColumn({ caseId }: { caseId: string }) {
  const t = useT();
  const found = useApi<CaseSummary>('intake', `/cases/${caseId}`, PURPOSE);
  const p = found.data?.personal;
  if (!p) return <td>{found.data?.erased ? t('cases.erased') : '…'}</td>;
  return (
    <td>
      <span className="names">
        {p.names.map((n, i) => (
          <PersonName key={i} name={n} />
        ))}
      </span>
      <br />
      <DateTime value={p.birthDate.value} dateOnly /> · {t('cases.facilityAt', { name: p.facility.name, city: p.facility.city })}
      {p.mother?.name ? (
        <>
          <br />
          {t('register.mother')}: <PersonName name={p.mother.name} />
        </>
      ) : null}
    </td>
  );
}

/** Potential duplicates side by side: the case worker merges one into the other, or says they are different children. */
export default function DuplicatesPage() {
  const t = useT();
  const list = useApi<{ items: Duplicate[] }>('intake', '/duplicates?status=open', PURPOSE);
  const [reason, setReason] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ApiProblem>();
  const act = async (duplicateId: string, path: string, body: unknown, purpose: string) => {
    setProblem(undefined);
    try {
      await callApi('intake', `/duplicates/${duplicateId}/${path}`, { method: 'POST', body, purpose });
      list.reload();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
      else throw error;
    }
  };
  return (
    <Page title={t('duplicates.title')}>
      <ProblemAlert problem={list.problem ?? problem} />
      {list.data?.items.length === 0 ? <p>{t('duplicates.none')}</p> : null}
      {list.data?.items.map((d) => (
        <table key={d.duplicateId} className="list" data-duplicate={d.duplicateId}>
          <caption>
            {t('duplicates.likelihood')} <FormattedNumber value={d.score.score} style="percent" /> · <DateTime value={d.detectedAt} />
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('duplicates.first')}</th>
              <th scope="col">{t('duplicates.second')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <CaseColumn caseId={d.caseIds[0]} />
              <CaseColumn caseId={d.caseIds[1]} />
            </tr>
            <tr>
              {d.caseIds.map((survivor) => (
                <td key={survivor}>
                  <button type="button" onClick={() => void act(d.duplicateId, 'confirmation', { survivorCaseId: survivor }, 'case work: merge duplicate cases')}>
                    {t('duplicates.keepThis')}
                  </button>
                </td>
              ))}
            </tr>
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={2}>
                <form
                  className="inline"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void act(d.duplicateId, 'dismissal', { reason: reason[d.duplicateId] ?? '' }, 'case work: dismiss a potential duplicate');
                  }}
                >
                  <label>
                    <span>{t('duplicates.reason')}</span>
                    <input value={reason[d.duplicateId] ?? ''} onChange={(e) => setReason({ ...reason, [d.duplicateId]: e.target.value })} dir="auto" />
                  </label>
                  <button type="submit" className="secondary">
                    {t('duplicates.dismiss')}
                  </button>
                </form>
              </td>
            </tr>
          </tfoot>
        </table>
      ))}
    </Page>
  );
}
