import { useState } from 'react';
import { eventCatalog } from '@homeward/contracts';
import { DateTime } from '../../ui/components/date-time';
import { Field } from '../../ui/components/field';
import { Page } from '../../ui/components/page';
import { ProblemAlert } from '../../ui/components/problem-alert';
import { useApi } from '../../ui/hooks/use-api';
import { useT } from '../../ui/hooks/use-t';
import { callApi } from '../../ui/utils/api-client';
import { ApiProblem } from '../../ui/utils/api-problem';

interface Subscription {
  readonly subscriptionId: string;
  readonly agency: string;
  readonly eventTypes: readonly string[];
  readonly personalData: 'none' | 'full';
  readonly delivery: { kind: 'webhook' | 'pull'; url?: string };
  readonly status: 'active' | 'paused';
  readonly pausedCause?: string;
  readonly createdAt: string;
}

interface DeliveryLog {
  readonly attempts: readonly { cursor: string; eventType: string; attempt: number; outcome: string; statusCode?: number; error?: string; attemptedAt: string }[];
}

const PURPOSE = 'administration: agency subscriptions';
/** What an agency may subscribe to: every published type about programmes, cases and movements (as notification says). */
const EVENT_TYPES = eventCatalog.filter((def) => def.keyedBy !== 'subscription').map((def) => def.type);

function Deliveries({ subscriptionId }: { subscriptionId: string }) {
  const t = useT();
  const log = useApi<DeliveryLog>('notification', `/subscriptions/${subscriptionId}/deliveries`, PURPOSE);
  if (!log.data) return <ProblemAlert problem={log.problem} />;
  if (log.data.attempts.length === 0) return <p>{t('subscriptions.noDeliveries')}</p>;
  return (
    <ul>
      {log.data.attempts.map((a) => (
        <li key={`${a.cursor}-${a.attempt}`}>
          <DateTime value={a.attemptedAt} /> <code>{a.eventType}</code> {t(`subscriptions.outcome.${a.outcome}`)} {a.statusCode ?? a.error ?? ''}
        </li>
      ))}
    </ul>
  );
}

/** The admin's agency subscriptions: create (the webhook secret shown once), pause, resume, delete, and each delivery log. */
export default function SubscriptionsPage() {
  const t = useT();
  const list = useApi<{ subscriptions: Subscription[] }>('notification', '/subscriptions', PURPOSE);
  const [agency, setAgency] = useState('');
  const [types, setTypes] = useState<Set<string>>(new Set(['case.cleared.v1']));
  const [level, setLevel] = useState<'none' | 'full'>('none');
  const [kind, setKind] = useState<'webhook' | 'pull'>('webhook');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState<string>();
  const [open, setOpen] = useState<string>();
  const [problem, setProblem] = useState<ApiProblem>();
  const run = async (call: () => Promise<unknown>) => {
    setProblem(undefined);
    try {
      await call();
      list.reload();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
      else throw error;
    }
  };
  return (
    <Page title={t('subscriptions.title')}>
      <ProblemAlert problem={list.problem ?? problem} />
      {secret ? (
        <div className="notice" role="status" data-testid="webhook-secret">
          <p>{t('subscriptions.secretOnce')}</p>
          <code>{secret}</code>
        </div>
      ) : null}
      <table className="list" data-testid="subscriptions">
        <caption className="visually-hidden">{t('subscriptions.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('subscriptions.agency')}</th>
            <th scope="col">{t('subscriptions.events')}</th>
            <th scope="col">{t('subscriptions.delivery')}</th>
            <th scope="col">{t('subscriptions.status')}</th>
            <th scope="col">{t('movement.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.subscriptions.map((s) => (
            <tr key={s.subscriptionId} data-subscription={s.subscriptionId} data-agency={s.agency}>
              <td>{s.agency}</td>
              <td>{s.eventTypes.join(', ')}</td>
              <td>{s.delivery.kind === 'webhook' ? s.delivery.url : t('subscriptions.pull')}</td>
              <td data-testid="subscription-status">{t(`subscriptions.state.${s.status}`)}</td>
              <td className="inline">
                {s.status === 'active' ? (
                  <button type="button" className="secondary" onClick={() => void run(() => callApi('notification', `/subscriptions/${s.subscriptionId}/pause`, { method: 'POST', purpose: PURPOSE }))}>
                    {t('subscriptions.pause')}
                  </button>
                ) : (
                  <button type="button" className="secondary" onClick={() => void run(() => callApi('notification', `/subscriptions/${s.subscriptionId}/resume`, { method: 'POST', purpose: PURPOSE }))}>
                    {t('subscriptions.resume')}
                  </button>
                )}
                <button type="button" className="secondary" onClick={() => setOpen(open === s.subscriptionId ? undefined : s.subscriptionId)}>
                  {t('subscriptions.log')}
                </button>
                <button type="button" className="danger" onClick={() => void run(() => callApi('notification', `/subscriptions/${s.subscriptionId}`, { method: 'DELETE', purpose: PURPOSE }))}>
                  {t('subscriptions.delete')}
                </button>
                {open === s.subscriptionId ? <Deliveries subscriptionId={s.subscriptionId} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const { data } = await callApi<{ webhookSecret?: string }>('notification', '/subscriptions', {
              method: 'POST',
              purpose: PURPOSE,
              body: { agency, eventTypes: [...types], personalData: level, delivery: kind === 'webhook' ? { kind, url } : { kind } },
            });
            setSecret(data.webhookSecret);
          });
        }}
      >
        <h2>{t('subscriptions.create')}</h2>
        <div className="row">
          <Field label={t('subscriptions.agency')} error={problem?.fieldMessage('/agency')}>
            <input value={agency} onChange={(e) => setAgency(e.target.value)} data-testid="subscription-agency" />
          </Field>
          <Field label={t('subscriptions.level')} error={problem?.fieldMessage('/personalData')}>
            <select value={level} onChange={(e) => setLevel(e.target.value as 'none' | 'full')}>
              <option value="none">{t('subscriptions.levelNone')}</option>
              <option value="full">{t('subscriptions.levelFull')}</option>
            </select>
          </Field>
          <Field label={t('subscriptions.delivery')}>
            <select value={kind} onChange={(e) => setKind(e.target.value as 'webhook' | 'pull')}>
              <option value="webhook">{t('subscriptions.webhook')}</option>
              <option value="pull">{t('subscriptions.pull')}</option>
            </select>
          </Field>
          {kind === 'webhook' ? (
            <Field label={t('subscriptions.url')} error={problem?.fieldMessage('/delivery/url')}>
              <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} dir="ltr" data-testid="subscription-url" />
            </Field>
          ) : null}
        </div>
        <fieldset>
          <legend>{t('subscriptions.events')}</legend>
          <div className="row">
            {EVENT_TYPES.map((type) => (
              <label key={type} className="check">
                <input
                  type="checkbox"
                  checked={types.has(type)}
                  onChange={(e) => {
                    const next = new Set(types);
                    if (e.target.checked) next.add(type);
                    else next.delete(type);
                    setTypes(next);
                  }}
                />{' '}
                <code>{type}</code>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" data-testid="subscription-create">
          {t('subscriptions.createSubmit')}
        </button>
      </form>
    </Page>
  );
}
