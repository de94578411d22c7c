import { useState } from 'react';
import { Field } from '../../ui/components/field';
import { useT } from '../../ui/hooks/use-t';
import type { ApiProblem } from '../../ui/utils/api-problem';

export interface DecisionBody {
  decision: 'satisfied' | 'refused';
  reason: string;
  basis?: 'guardian-or-sponsor-approved' | 'state-care-arranged';
}

/** The decision on one requirement, with its reason (and, for the guardian, on which basis). */
export function DecisionForm({ code, problem, onSubmit }: { code: string; problem?: ApiProblem; onSubmit(body: DecisionBody): void }) {
  const t = useT();
  const [decision, setDecision] = useState<DecisionBody['decision']>('satisfied');
  const [reason, setReason] = useState('');
  const [basis, setBasis] = useState<NonNullable<DecisionBody['basis']>>('guardian-or-sponsor-approved');
  const needsBasis = code === 'guardian-approved' && decision === 'satisfied';
  return (
    <form
      className="form inline"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ decision, reason, ...(needsBasis ? { basis } : {}) });
      }}
    >
      <fieldset>
        <legend>{t('decision.title')}</legend>
        <div className="row">
          <Field label={t('decision.decision')} error={problem?.fieldMessage('/decision')}>
            <select value={decision} onChange={(e) => setDecision(e.target.value as DecisionBody['decision'])} data-testid={`${code}-decision`}>
              <option value="satisfied">{t('decision.satisfied')}</option>
              <option value="refused">{t('decision.refused')}</option>
            </select>
          </Field>
          {needsBasis ? (
            <Field label={t('decision.basis')} error={problem?.fieldMessage('/basis')}>
              <select value={basis} onChange={(e) => setBasis(e.target.value as NonNullable<DecisionBody['basis']>)}>
                <option value="guardian-or-sponsor-approved">{t('decision.guardianApproved')}</option>
                <option value="state-care-arranged">{t('decision.stateCare')}</option>
              </select>
            </Field>
          ) : null}
          <Field label={t('decision.reason')} error={problem?.fieldMessage('/reason')}>
            <input value={reason} onChange={(e) => setReason(e.target.value)} dir="auto" data-testid={`${code}-reason`} />
          </Field>
        </div>
        <button type="submit" data-testid={`${code}-decide`}>
          {t('decision.record')}
        </button>
      </fieldset>
    </form>
  );
}
