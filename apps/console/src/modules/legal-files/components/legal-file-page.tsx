import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { HoldCategory } from '@homeward/contracts';
import { useSession } from '../../auth/components/session-context';
import { useCan } from '../../auth/hooks/use-can';
import { DateTime } from '../../ui/components/date-time';
import { Page } from '../../ui/components/page';
import { ProblemAlert } from '../../ui/components/problem-alert';
import { useApi } from '../../ui/hooks/use-api';
import { useT } from '../../ui/hooks/use-t';
import { callApi } from '../../ui/utils/api-client';
import { ApiProblem } from '../../ui/utils/api-problem';
import type { LegalFile } from '../types';
import { approvalState, mayDecide, mayRequestClearance } from '../utils/legal-actions';
import { DecisionForm } from './decision-form';
import { EvidenceForm } from './evidence-form';

/** A legal file: each requirement with its evidence and decisions, the holds, and the two-person clearance. */
export default function LegalFilePage() {
  const t = useT();
  const can = useCan();
  const { user } = useSession();
  const { caseId } = useParams<{ caseId: string }>();
  const file = useApi<LegalFile>('legal', `/legal-files/${caseId}`, 'legal review: decide the checklist');
  const [problem, setProblem] = useState<{ at: string; error: ApiProblem }>();
  const [holdCategory, setHoldCategory] = useState<string>('security');
  const [holdReason, setHoldReason] = useState('');
  const act = async (at: string, path: string, body: unknown, purpose: string) => {
    setProblem(undefined);
    try {
      await callApi('legal', `/legal-files/${caseId}${path}`, { method: 'POST', body, purpose });
      file.reload();
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem({ at, error });
    }
  };
  const problemAt = (at: string) => (problem?.at === at ? problem.error : undefined);
  const f = file.data;
  const approval = f ? approvalState(user, f) : { kind: 'hidden' as const };
  const writer = can('legal-file:write');
  return (
    <Page title={t('legal.fileTitle')}>
      <ProblemAlert problem={file.problem} />
      {f ? (
        <>
          <p>
            <span data-testid="legal-status">{t(`legalStatus.${f.status}`)}</span> · <Link href={`/cases/${f.caseId}`}>{t('legal.openCase')}</Link>
          </p>
          <ol className="checklist" data-testid="checklist">
            {f.requirements.map((r) => (
              <li key={r.code} data-requirement={r.code} data-status={r.status}>
                <h2>
                  {t(`requirement.${r.code}`)} — <span className={`status ${r.status}`}>{t(`requirementStatus.${r.status}`)}</span>
                </h2>
                {r.evidence.length > 0 ? (
                  <ul className="evidence">
                    {r.evidence.map((ev) => (
                      <li key={ev.evidenceId}>
                        {ev.restricted ? t('legal.restricted') : ev.kind === 'dna' ? t('legal.dnaEvidence', { laboratory: ev.laboratory ?? '', relative: ev.testedRelative ?? '' }) : t('legal.documentEvidence', { type: ev.documentType ?? '', authority: ev.issuingAuthority ?? '' })}{' '}
                        (<DateTime value={ev.attachedAt} />)
                      </li>
                    ))}
                  </ul>
                ) : null}
                {r.decisions.map((d, i) => (
                  <p key={i} className="decision">
                    {t('legal.decided', { decision: t(`decision.${d.decision}`), by: d.decidedBy })} {d.restricted ? t('legal.restricted') : d.reason ? <q dir="auto">{d.reason}</q> : null}
                  </p>
                ))}
                {writer && mayDecide(user, r, f) ? (
                  <>
                    <ProblemAlert problem={problemAt(r.code)} />
                    <EvidenceForm code={r.code} problem={problemAt(r.code)} onSubmit={(body) => void act(r.code, `/requirements/${r.code}/evidence`, body, 'legal review: attach evidence')} />
                    <DecisionForm code={r.code} problem={problemAt(r.code)} onSubmit={(body) => void act(r.code, `/requirements/${r.code}/decision`, body, 'legal review: decide a requirement')} />
                  </>
                ) : null}
              </li>
            ))}
          </ol>

          <section aria-labelledby="holds-title">
            <h2 id="holds-title">{t('legal.holds')}</h2>
            <ProblemAlert problem={problemAt('holds')} />
            <ul>
              {f.holds.map((h) => (
                <li key={h.holdId}>
                  {t(`hold.${h.category}`)} {h.reason ? <q dir="auto">{h.reason}</q> : null} <DateTime value={h.placedAt} />{' '}
                  {h.liftedAt ? (
                    t('legal.lifted')
                  ) : writer ? (
                    <button type="button" className="secondary" onClick={() => void act('holds', `/holds/${h.holdId}/lift`, undefined, 'legal review: lift a hold')}>
                      {t('legal.lift')}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
            {writer && ['open', 'clearance-requested', 'cleared'].includes(f.status) ? (
              <form
                className="form inline"
                onSubmit={(e) => {
                  e.preventDefault();
                  void act('holds', '/holds', { category: holdCategory, reason: holdReason }, 'legal review: place a hold');
                }}
              >
                <label>
                  <span>{t('legal.holdCategory')}</span>
                  <select value={holdCategory} onChange={(e) => setHoldCategory(e.target.value)}>
                    {Object.values(HoldCategory).map((c) => (
                      <option key={c} value={c}>
                        {t(`hold.${c}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  <span>{t('legal.holdReason')}</span>
                  <input value={holdReason} onChange={(e) => setHoldReason(e.target.value)} dir="auto" />
                </label>
                <button type="submit" className="secondary">
                  {t('legal.placeHold')}
                </button>
              </form>
            ) : null}
          </section>

          <section aria-labelledby="clearance-title">
            <h2 id="clearance-title">{t('legal.clearance')}</h2>
            <ProblemAlert problem={problemAt('clearance')} />
            {f.clearance ? <p>{t('legal.requestedBy', { by: f.clearance.requestedBy })}</p> : null}
            {writer && mayRequestClearance(user, f) ? (
              <button type="button" onClick={() => void act('clearance', '/clearance-request', undefined, 'legal review: request clearance')} data-testid="request-clearance">
                {t('legal.requestClearance')}
              </button>
            ) : null}
            {approval.kind === 'allowed' ? (
              <button type="button" onClick={() => void act('clearance', '/clearance-approval', undefined, 'supervision: approve the clearance')} data-testid="approve-clearance">
                {t('legal.approveClearance')}
              </button>
            ) : null}
            {approval.kind === 'refused-own-request' ? (
              <>
                <button type="button" disabled aria-describedby="four-eyes" data-testid="approve-clearance">
                  {t('legal.approveClearance')}
                </button>
                <p id="four-eyes" className="notice" data-testid="four-eyes">
                  {t('legal.fourEyes')}
                </p>
              </>
            ) : null}
          </section>
        </>
      ) : null}
    </Page>
  );
}
