import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { IataCode, Timestamp } from '@homeward/contracts';
import { useCan } from '../../auth/hooks/use-can';
import { AirportName } from '../../ui/components/airport-name';
import { DateTime } from '../../ui/components/date-time';
import { Field } from '../../ui/components/field';
import { Page } from '../../ui/components/page';
import { ProblemAlert } from '../../ui/components/problem-alert';
import { useApi } from '../../ui/hooks/use-api';
import { useT } from '../../ui/hooks/use-t';
import { callApi } from '../../ui/utils/api-client';
import { ApiProblem } from '../../ui/utils/api-problem';
import type { Movement } from '../types';

const PURPOSE = 'logistics: plan the movements';

/** The logistics officer's flights, and scheduling a new one. */
export default function MovementsPage() {
  const t = useT();
  const can = useCan();
  const [, navigate] = useLocation();
  const list = useApi<{ movements: Movement[] }>('logistics', '/movements', PURPOSE);
  const programmes = useApi<{ items: { programmeId: string; name: string }[] }>('intake', can('programme:read') ? '/programmes' : null, PURPOSE);
  const [v, setV] = useState<Record<string, string>>({ operator: '', flightNumber: '', departureAirport: '', arrivalAirport: '', scheduledDeparture: '', seats: '', meetingPoint: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ApiProblem>();
  const input = (name: string, type = 'text') => (
    <Field label={t(`movement.${name}`)} error={errors[name] ?? problem?.fieldMessage(`/${name}`)}>
      <input type={type} value={v[name] ?? ''} onChange={(e) => setV({ ...v, [name]: e.target.value })} data-testid={`movement-${name}`} />
    </Field>
  );
  return (
    <Page title={t('movements.title')}>
      <ProblemAlert problem={list.problem} />
      <table className="list" data-testid="movement-list">
        <caption className="visually-hidden">{t('movements.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('movement.flightNumber')}</th>
            <th scope="col">{t('movement.route')}</th>
            <th scope="col">{t('movement.scheduledDeparture')}</th>
            <th scope="col">{t('movement.seatsFree')}</th>
            <th scope="col">{t('movement.status')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.movements.map((m) => (
            <tr key={m.movementId}>
              <td>
                <Link href={`/movements/${m.movementId}`}>{m.flight.flightNumber}</Link>
              </td>
              <td>
                <AirportName code={m.flight.departureAirport} /> → <AirportName code={m.flight.arrivalAirport} />
              </td>
              <td>
                <DateTime value={m.flight.scheduledDeparture} />
              </td>
              <td>{t('movement.seatsFreeValue', { free: m.freeSeats, seats: m.seats })}</td>
              <td>{t(`movementStatus.${m.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {can('movement:write') ? (
        <form
          className="form"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            setProblem(undefined);
            const departure = v['scheduledDeparture'] ? new Date(v['scheduledDeparture']).toISOString() : '';
            const found: Record<string, string> = {};
            for (const name of ['departureAirport', 'arrivalAirport']) {
              const r = IataCode.safeParse(v[name]);
              if (!r.success) found[name] = r.error.issues[0]!.message;
            }
            if (!Timestamp.safeParse(departure).success) found['scheduledDeparture'] = t('movement.departureRequired');
            setErrors(found);
            if (Object.keys(found).length > 0) return;
            try {
              const { data } = await callApi<Movement>('logistics', '/movements', {
                method: 'POST',
                purpose: 'logistics: schedule a movement',
                body: {
                  programmeId: v['programmeId'] ?? programmes.data?.items[0]?.programmeId ?? '',
                  operator: v['operator'],
                  flightNumber: v['flightNumber'],
                  departureAirport: v['departureAirport'],
                  arrivalAirport: v['arrivalAirport'],
                  scheduledDeparture: departure,
                  seats: Number(v['seats']),
                  ...(v['meetingPoint'] ? { meetingPoint: v['meetingPoint'] } : {}),
                },
              });
              navigate(`/movements/${data.movementId}`);
            } catch (error) {
              if (error instanceof ApiProblem) setProblem(error);
              else throw error;
            }
          }}
        >
          <h2>{t('movements.schedule')}</h2>
          <ProblemAlert problem={problem} />
          <Field label={t('register.programme')} error={problem?.fieldMessage('/programmeId')}>
            <select value={v['programmeId'] ?? ''} onChange={(e) => setV({ ...v, programmeId: e.target.value })} data-testid="movement-programme">
              {programmes.data?.items.map((p) => (
                <option key={p.programmeId} value={p.programmeId}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
          <div className="row">
            {input('operator')}
            {input('flightNumber')}
            {input('departureAirport')}
            {input('arrivalAirport')}
          </div>
          <div className="row">
            {input('scheduledDeparture', 'datetime-local')}
            {input('seats', 'number')}
            {input('meetingPoint')}
          </div>
          <button type="submit" data-testid="movement-schedule">
            {t('movements.scheduleSubmit')}
          </button>
        </form>
      ) : null}
    </Page>
  );
}
