import { useState } from 'react';
import { Field } from '../../ui/components/field';
import { ProblemAlert } from '../../ui/components/problem-alert';
import { useT } from '../../ui/hooks/use-t';
import { callApi } from '../../ui/utils/api-client';
import { ApiProblem } from '../../ui/utils/api-problem';
import { Facility } from '@homeward/contracts';
import type { CaseSummary } from '../types';

/**
 * Corrects where the child is now, on the version the person read
 * (If-Match with the ETag): a change someone else made meanwhile is not
 * overwritten; the page then tells the person and shows the newer case.
 */
export function CaseEditForm({ found, etag, onSaved, onStale }: { found: CaseSummary; etag: string; onSaved(): void; onStale(): void }) {
  const t = useT();
  const facility = found.personal!.facility;
  const [name, setName] = useState(facility.name);
  const [city, setCity] = useState(facility.city);
  const [problem, setProblem] = useState<ApiProblem>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <form
      className="form"
      data-testid="edit-form"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(undefined);
        const body = { facility: { ...facility, name: name.trim(), city: city.trim() } };
        const checked = Facility.safeParse(body.facility);
        if (!checked.success) {
          setErrors(Object.fromEntries(checked.error.issues.map((i) => [String(i.path[0]), i.message])));
          return;
        }
        setErrors({});
        try {
          await callApi('intake', `/cases/${found.caseId}`, { method: 'PATCH', body, ifMatch: etag, purpose: 'case work: correct the facility' });
          onSaved();
        } catch (error) {
          if (!(error instanceof ApiProblem)) throw error;
          setProblem(error);
          if (error.status === 412) onStale();
        }
      }}
    >
      {problem?.status === 412 ? null : <ProblemAlert problem={problem} />}
      <div className="row">
        <Field label={t('register.facilityName')} error={errors['name'] ?? problem?.fieldMessage('/facility/name')}>
          <input value={name} onChange={(e) => setName(e.target.value)} dir="auto" data-testid="edit-facility-name" />
        </Field>
        <Field label={t('register.facilityCity')} error={errors['city'] ?? problem?.fieldMessage('/facility/city')}>
          <input value={city} onChange={(e) => setCity(e.target.value)} dir="auto" />
        </Field>
      </div>
      <button type="submit" data-testid="edit-submit">
        {t('edit.save')}
      </button>
    </form>
  );
}
