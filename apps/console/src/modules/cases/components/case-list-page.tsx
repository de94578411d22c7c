import { useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { useCan } from '../../auth/hooks/use-can';
import { Page } from '../../ui/components/page';
import { PersonName } from '../../ui/components/person-name';
import { ProblemAlert } from '../../ui/components/problem-alert';
import { DateTime } from '../../ui/components/date-time';
import { useApi } from '../../ui/hooks/use-api';
import { useT } from '../../ui/hooks/use-t';
import { CASE_STAGES, type CaseSummary } from '../types';

/** The case worker's list: children found by name in any script, by facility and stage. */
export default function CaseListPage() {
  const t = useT();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [name, setName] = useState(params.get('name') ?? '');
  const [facility, setFacility] = useState(params.get('facility') ?? '');
  const [stage, setStage] = useState(params.get('stage') ?? '');
  const query = new URLSearchParams();
  for (const key of ['name', 'facility', 'stage']) if (params.get(key)) query.set(key, params.get(key)!);
  query.set('limit', '50');
  const list = useApi<{ items: CaseSummary[] }>('intake', `/cases?${query}`, 'case work: find a child');
  return (
    <Page
      title={t('cases.title')}
      actions={
        can('case:write') ? (
          <Link href="/cases/new" className="button">
            {t('cases.register')}
          </Link>
        ) : null
      }
    >
      <form
        role="search"
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(Object.fromEntries(Object.entries({ name, facility, stage }).filter(([, v]) => v)));
        }}
      >
        <label>
          <span>{t('cases.searchName')}</span>
          <input type="search" value={name} onChange={(e) => setName(e.target.value)} dir="auto" data-testid="search-name" />
        </label>
        <label>
          <span>{t('cases.facility')}</span>
          <input type="search" value={facility} onChange={(e) => setFacility(e.target.value)} dir="auto" />
        </label>
        <label>
          <span>{t('cases.stage')}</span>
          <select value={stage} onChange={(e) => setStage(e.target.value)}>
            <option value="">{t('cases.anyStage')}</option>
            {CASE_STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stage.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('cases.search')}</button>
      </form>
      <ProblemAlert problem={list.problem} />
      {list.data ? (
        list.data.items.length === 0 ? (
          <p>{t('cases.none')}</p>
        ) : (
          <table className="list" data-testid="case-list">
            <caption className="visually-hidden">{t('cases.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.child')}</th>
                <th scope="col">{t('cases.stage')}</th>
                <th scope="col">{t('cases.facility')}</th>
                <th scope="col">{t('cases.registeredAt')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.caseId}>
                  <td>
                    <Link href={`/cases/${c.caseId}`}>
                      {c.personal ? (
                        <span className="names">
                          {c.personal.names.map((n, i) => (
                            <PersonName key={i} name={n} />
                          ))}
                        </span>
                      ) : (
                        t('cases.erased')
                      )}
                    </Link>
                  </td>
                  <td>{t(`stage.${c.stage}`)}</td>
                  <td>{c.personal ? t('cases.facilityAt', { name: c.personal.facility.name, city: c.personal.facility.city }) : '–'}</td>
                  <td>
                    <DateTime value={c.registeredAt} dateOnly />
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
