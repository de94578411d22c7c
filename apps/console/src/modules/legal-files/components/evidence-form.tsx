import { useState } from 'react';
import { Field } from '../../ui/components/field';
import { useT } from '../../ui/hooks/use-t';
import type { ApiProblem } from '../../ui/utils/api-problem';

export type EvidenceBody =
  | { kind: 'document'; documentType: string; number: string; issuingAuthority: string; issuedOn: string }
  | { kind: 'dna'; laboratory: string; sampleId: string; testedRelative: string; kinshipProbability: number };

/** Evidence for one requirement: a document, or a DNA kinship test. The service's refusal is shown at the field it names. */
export function EvidenceForm({ code, problem, onSubmit }: { code: string; problem?: ApiProblem; onSubmit(body: EvidenceBody): void }) {
  const t = useT();
  const [kind, setKind] = useState<'document' | 'dna'>('document');
  const [v, setV] = useState<Record<string, string>>({});
  const input = (name: string, type = 'text') => (
    <Field label={t(`evidence.${name}`)} error={problem?.fieldMessage(`/${name}`)}>
      <input type={type} value={v[name] ?? ''} onChange={(e) => setV({ ...v, [name]: e.target.value })} dir="auto" data-testid={`${code}-${name}`} {...(type === 'number' ? { step: '0.0001', min: 0, max: 1 } : {})} />
    </Field>
  );
  return (
    <form
      className="form inline"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(
          kind === 'document'
            ? { kind, documentType: v['documentType'] ?? '', number: v['number'] ?? '', issuingAuthority: v['issuingAuthority'] ?? '', issuedOn: v['issuedOn'] ?? '' }
            : { kind, laboratory: v['laboratory'] ?? '', sampleId: v['sampleId'] ?? '', testedRelative: v['testedRelative'] ?? '', kinshipProbability: Number(v['kinshipProbability'] ?? 'NaN') },
        );
      }}
    >
      <fieldset>
        <legend>{t('evidence.add')}</legend>
        <Field label={t('evidence.kind')}>
          <select value={kind} onChange={(e) => setKind(e.target.value as 'document' | 'dna')} data-testid={`${code}-kind`}>
            <option value="document">{t('evidence.document')}</option>
            <option value="dna">{t('evidence.dna')}</option>
          </select>
        </Field>
        {kind === 'document' ? (
          <div className="row">
            {input('documentType')}
            {input('number')}
            {input('issuingAuthority')}
            {input('issuedOn', 'date')}
          </div>
        ) : (
          <div className="row">
            {input('laboratory')}
            {input('sampleId')}
            {input('testedRelative')}
            {input('kinshipProbability', 'number')}
          </div>
        )}
        <button type="submit" data-testid={`${code}-attach`}>
          {t('evidence.attach')}
        </button>
      </fieldset>
    </form>
  );
}
