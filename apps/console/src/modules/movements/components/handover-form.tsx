import { useState } from 'react';
import { useApi } from '../../ui/hooks/use-api';
import { useT } from '../../ui/hooks/use-t';
import type { CaseSummary } from '../../cases/types';

export interface HandoverBody {
  receiverKind: 'guardian' | 'institution';
  guardianId?: string;
  name: string;
  relationship: string;
  receivingPerson: string;
}

/** The handover of one child to a named guardian of the case (or an institution), with the person who received the child. */
export function HandoverForm({ caseId, onSubmit }: { caseId: string; onSubmit(body: HandoverBody): Promise<boolean> }) {
  const t = useT();
  const found = useApi<CaseSummary>('intake', `/cases/${caseId}`, 'logistics: hand the child over');
  const guardians = found.data?.personal?.guardians ?? [];
  const [guardianId, setGuardianId] = useState('');
  const [receivingPerson, setReceivingPerson] = useState('');
  const chosen = guardians.find((g) => g.guardianId === (guardianId || guardians[0]?.guardianId));
  return (
    <form
      className="inline"
      onSubmit={(e) => {
        e.preventDefault();
        if (!chosen) return;
        const name = `${chosen.name.given} ${chosen.name.family}`;
        void onSubmit({ receiverKind: 'guardian', guardianId: chosen.guardianId, name, relationship: chosen.relationship, receivingPerson: receivingPerson || name });
      }}
    >
      <label>
        <span>{t('handover.guardian')}</span>
        <select value={chosen?.guardianId ?? ''} onChange={(e) => setGuardianId(e.target.value)} data-testid="handover-guardian">
          {guardians.map((g) => (
            <option key={g.guardianId} value={g.guardianId}>
              {g.name.given} {g.name.family} ({g.relationship})
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('handover.receivingPerson')}</span>
        <input value={receivingPerson} onChange={(e) => setReceivingPerson(e.target.value)} dir="auto" />
      </label>
      <button type="submit" disabled={!chosen} data-testid="handover">
        {t('handover.submit')}
      </button>
    </form>
  );
}
