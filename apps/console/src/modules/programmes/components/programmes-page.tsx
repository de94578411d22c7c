import { useState } from 'react';
import { useCan } from '../../auth/hooks/use-can';
import { CountryName } from '../../ui/components/country-name';
import { Page } from '../../ui/components/page';
import { ProblemAlert } from '../../ui/components/problem-alert';
import { useApi } from '../../ui/hooks/use-api';
import { useT } from '../../ui/hooks/use-t';
import { callApi } from '../../ui/utils/api-client';
import { ApiProblem } from '../../ui/utils/api-problem';

interface Programme {
  readonly programmeId: string;
  readonly name: string;
  readonly originState: string;
  readonly destinationState: string;
  readonly status: 'active' | 'suspended';
  readonly suspension?: { reason: string; at: string; by: string } | null;
}

/** The programmes; a supervisor suspends one (with the reason) and resumes it. */
export default function ProgrammesPage() {
  const t = useT();
  const can = useCan();
  const list = useApi<{ items: Programme[] }>('intake', '/programmes', 'supervision: the programmes');
  const [reason, setReason] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ApiProblem>();
  const act = async (path: string, body: unknown, purpose: string) => {
    setProblem(undefined);
    try {
      await callApi('intake', path, { method: 'POST', body, purpose });
      list.reload();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
      else throw error;
    }
  };
  return (
    <Page title={t('programmes.title')}>
      <ProblemAlert problem={list.problem ?? problem} />
      <ul className="cards">
        {list.data?.items.map((p) => (
          <li key={p.programmeId} className="card" data-programme={p.programmeId}>
            <h2>{p.name}</h2>
            <p>
              <CountryName code={p.originState} /> → <CountryName code={p.destinationState} /> · <span data-testid="programme-status">{t(`programmeStatus.${p.status}`)}</span>
            </p>
            {p.suspension ? <p dir="auto">{t('programmes.suspendedBecause', { reason: p.suspension.reason })}</p> : null}
            {can('programme:write') ? (
              p.status === 'active' ? (
                <form
                  className="form inline"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void act(`/programmes/${p.programmeId}/suspension`, { reason: reason[p.programmeId] ?? '' }, 'supervision: suspend a programme');
                  }}
                >
                  <label>
                    <span>{t('programmes.reason')}</span>
                    <input value={reason[p.programmeId] ?? ''} onChange={(e) => setReason({ ...reason, [p.programmeId]: e.target.value })} dir="auto" />
                  </label>
                  <button type="submit" className="danger">
                    {t('programmes.suspend')}
                  </button>
                </form>
              ) : (
                <button type="button" onClick={() => void act(`/programmes/${p.programmeId}/resumption`, undefined, 'supervision: resume a programme')}>
                  {t('programmes.resume')}
                </button>
              )
            ) : null}
          </li>
        ))}
      </ul>
    </Page>
  );
}
