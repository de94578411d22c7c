import { useState } from 'react';
import { useParams } from 'wouter';
import { useCan } from '../../auth/hooks/use-can';
import { AirportName } from '../../ui/components/airport-name';
import { DateTime } from '../../ui/components/date-time';
import { Page } from '../../ui/components/page';
import { PersonName } from '../../ui/components/person-name';
import { ProblemAlert } from '../../ui/components/problem-alert';
import { useApi } from '../../ui/hooks/use-api';
import { useT } from '../../ui/hooks/use-t';
import { callApi } from '../../ui/utils/api-client';
import { ApiProblem } from '../../ui/utils/api-problem';
import type { CaseSummary } from '../../cases/types';
import type { Movement } from '../types';
import { siblingGroups } from '../utils/sibling-groups';
import { ChildName } from './child-name';
import { HandoverForm } from './handover-form';

const ESCORT_ROLES = ['official', 'medical', 'psychologist', 'carer'] as const;

/** One flight: escorts, seating cleared children (siblings together, refusals explained), boarding, departure, arrival and handover. */
export default function MovementPage() {
  const t = useT();
  const can = useCan();
  const { movementId } = useParams<{ movementId: string }>();
  const movement = useApi<Movement>('logistics', `/movements/${movementId}`, 'logistics: run the movement');
  const cleared = useApi<{ items: CaseSummary[] }>('intake', can('case:read') ? '/cases?stage=cleared&limit=200' : null, 'logistics: seat cleared children');
  const [problem, setProblem] = useState<ApiProblem>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [escort, setEscort] = useState({ name: '', role: 'official' });
  const [noShow, setNoShow] = useState<Record<string, string>>({});
  const writer = can('movement:write');
  const m = movement.data;
  const act = async (path: string, body: unknown, purpose: string) => {
    setProblem(undefined);
    try {
      await callApi('logistics', `/movements/${movementId}${path}`, { method: 'POST', body, purpose });
      movement.reload();
      cleared.reload();
      return true;
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
      return false;
    }
  };
  const childName = (caseId: string) => <ChildName caseId={caseId} />;
  return (
    <Page title={m ? t('movement.title', { flight: m.flight.flightNumber }) : t('movements.title')}>
      <ProblemAlert problem={movement.problem ?? problem} />
      {m ? (
        <>
          <dl className="facts">
            <dt>{t('movement.route')}</dt>
            <dd>
              <AirportName code={m.flight.departureAirport} /> → <AirportName code={m.flight.arrivalAirport} />
            </dd>
            <dt>{t('movement.scheduledDeparture')}</dt>
            <dd>
              <DateTime value={m.flight.scheduledDeparture} />
            </dd>
            <dt>{t('movement.status')}</dt>
            <dd data-testid="movement-status">{t(`movementStatus.${m.status}`)}</dd>
            <dt>{t('movement.seatsFree')}</dt>
            <dd>{t('movement.seatsFreeValue', { free: m.freeSeats, seats: m.seats })}</dd>
          </dl>
          <p className="actions">
            <a href={`/api/logistics/movements/${m.movementId}/manifest.csv`} download>
              {t('movement.manifestCsv')}
            </a>
            <a href={`/api/logistics/movements/${m.movementId}/manifest.pdf`} download>
              {t('movement.manifestPdf')}
            </a>
          </p>

          <h2>{t('movement.escorts')}</h2>
          <ul>
            {m.escorts.map((e) => (
              <li key={e.escortId}>
                <bdi>{e.name}</bdi> — {t(`escort.${e.role}`)}
              </li>
            ))}
          </ul>
          {writer && m.status === 'scheduled' ? (
            <form
              className="form inline"
              onSubmit={(e) => {
                e.preventDefault();
                void act('/escorts', escort, 'logistics: add an escort').then((ok) => ok && setEscort({ name: '', role: escort.role }));
              }}
            >
              <label>
                <span>{t('movement.escortName')}</span>
                <input value={escort.name} onChange={(e) => setEscort({ ...escort, name: e.target.value })} dir="auto" data-testid="escort-name" />
              </label>
              <label>
                <span>{t('movement.escortRole')}</span>
                <select value={escort.role} onChange={(e) => setEscort({ ...escort, role: e.target.value })} data-testid="escort-role">
                  {ESCORT_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`escort.${r}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="secondary" data-testid="escort-add">
                {t('movement.addEscort')}
              </button>
            </form>
          ) : null}

          {writer && m.status === 'scheduled' ? (
            <section aria-labelledby="assign-title">
              <h2 id="assign-title">{t('movement.assign')}</h2>
              {cleared.data && cleared.data.items.length === 0 ? <p>{t('movement.noneCleared')}</p> : null}
              <ul className="choices" data-testid="cleared-pool">
                {siblingGroups(cleared.data?.items ?? []).map((group) => (
                  <li key={group[0]!.caseId} className={group.length > 1 ? 'sibling-group' : undefined}>
                    {group.length > 1 ? <span className="tag">{t('movement.siblings')}</span> : null}
                    {group.map((c) => (
                      <label key={c.caseId} className="check">
                        <input
                          type="checkbox"
                          checked={chosen.has(c.caseId)}
                          data-case={c.caseId}
                          onChange={(e) => {
                            const next = new Set(chosen);
                            // Siblings travel together: choosing one chooses the group.
                            for (const member of group) if (e.target.checked) next.add(member.caseId);
                            else next.delete(member.caseId);
                            setChosen(next);
                          }}
                        />{' '}
                        {c.personal ? <PersonName name={c.personal.names[0]!} /> : c.caseId.slice(0, 8)}
                      </label>
                    ))}
                  </li>
                ))}
              </ul>
              <button
                type="button"
                disabled={chosen.size === 0}
                data-testid="assign"
                onClick={() => void act('/assignments', { caseIds: [...chosen] }, 'logistics: seat cleared children').then((ok) => ok && setChosen(new Set()))}
              >
                {t('movement.assignSubmit', { count: chosen.size })}
              </button>
            </section>
          ) : null}

          <h2>{t('movement.passengers')}</h2>
          <table className="list" data-testid="passengers">
            <caption className="visually-hidden">{t('movement.passengers')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('movement.seat')}</th>
                <th scope="col">{t('cases.child')}</th>
                <th scope="col">{t('movement.status')}</th>
                <th scope="col">{t('movement.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {m.passengers.map((p) => (
                <tr key={p.caseId} data-case={p.caseId}>
                  <td>{p.seat}</td>
                  <td>{childName(p.caseId)}</td>
                  <td data-testid="passenger-status">{t(`passengerStatus.${p.status}`)}</td>
                  <td>
                    {writer && m.status === 'scheduled' && p.status === 'assigned' ? (
                      <div className="inline">
                        <button type="button" onClick={() => void act(`/boarding/${p.caseId}`, { status: 'boarded' }, 'logistics: boarding')} data-testid="board">
                          {t('movement.board')}
                        </button>
                        <label>
                          <span>{t('movement.noShowReason')}</span>
                          <input value={noShow[p.caseId] ?? ''} onChange={(e) => setNoShow({ ...noShow, [p.caseId]: e.target.value })} dir="auto" />
                        </label>
                        <button type="button" className="secondary" onClick={() => void act(`/boarding/${p.caseId}`, { status: 'no-show', reason: noShow[p.caseId] ?? '' }, 'logistics: boarding')}>
                          {t('movement.noShow')}
                        </button>
                      </div>
                    ) : null}
                    {writer && m.status === 'arrived' && p.status === 'boarded' ? (
                      <HandoverForm caseId={p.caseId} onSubmit={(body) => act(`/handovers/${p.caseId}`, body, 'logistics: hand the child over')} />
                    ) : null}
                    {p.handover ? t('movement.handedOverTo', { name: p.handover.name, person: p.handover.receivingPerson }) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {m.noShows.length > 0 ? (
            <ul>
              {m.noShows.map((n) => (
                <li key={n.caseId + n.recordedAt}>
                  {childName(n.caseId)} — {t('movement.noShowBecause', { reason: n.reason })}
                </li>
              ))}
            </ul>
          ) : null}
          {writer ? (
            <p className="actions">
              {m.status === 'scheduled' ? (
                <button type="button" onClick={() => void act('/departure', undefined, 'logistics: departure')} data-testid="depart">
                  {t('movement.depart')}
                </button>
              ) : null}
              {m.status === 'departed' ? (
                <button type="button" onClick={() => void act('/arrival', undefined, 'logistics: arrival')} data-testid="arrive">
                  {t('movement.arrive')}
                </button>
              ) : null}
            </p>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
