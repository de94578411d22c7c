import { useMemo, useState } from 'react';
import { useFieldArray, useForm, type FieldErrors, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useIntl } from 'react-intl';
import { useLocation } from 'wouter';
import { transliterate } from 'transliteration';
import { Field } from '../../ui/components/field';
import { Page } from '../../ui/components/page';
import { ProblemAlert } from '../../ui/components/problem-alert';
import { useApi } from '../../ui/hooks/use-api';
import { useT } from '../../ui/hooks/use-t';
import { callApi } from '../../ui/utils/api-client';
import { ApiProblem } from '../../ui/utils/api-problem';
import { cleanDraft, pointerToField, RegisterCaseForm } from '../utils/register-case.form';

const LANGUAGES = ['ru', 'en', 'ar', 'fr', 'de', 'tr', 'fi'] as const;
const SCRIPTS = ['cyrillic', 'latin', 'arabic'] as const;
const PARENT_STATUSES = ['detained', 'convicted', 'deceased', 'missing', 'unknown'] as const;

const resolver: Resolver<RegisterCaseForm> = (values, context, options) =>
  zodResolver(RegisterCaseForm)(cleanDraft(values) as never, context, options as never) as ReturnType<Resolver<RegisterCaseForm>>;

/** The error of a nested field, e.g. `names.0.given`. */
function errorAt(errors: FieldErrors, path: string): string | undefined {
  let node: unknown = errors;
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  return (node as { message?: string } | undefined)?.message;
}

/** The case worker registers a child: names in their scripts with the transliteration shown, birth date and precision, facility, parents, guardians. */
export default function RegisterCasePage() {
  const t = useT();
  const intl = useIntl();
  const [, navigate] = useLocation();
  const [problem, setProblem] = useState<ApiProblem>();
  // One key per form: a repeated submission after a lost answer reaches the same case.
  const idempotencyKey = useMemo(() => `console-${crypto.randomUUID()}`, []);
  const programmes = useApi<{ items: { programmeId: string; name: string; status: string }[] }>('intake', '/programmes', 'case work: register a child');
  const form = useForm<RegisterCaseForm>({
    resolver,
    defaultValues: {
      programmeId: '',
      sex: 'female',
      names: [
        { given: '', family: '', script: 'cyrillic' },
        { given: '', family: '', script: 'latin' },
      ],
      birthDate: { value: '', precision: 'day' },
      facility: { type: 'camp', name: '', city: '' },
      mother: { status: 'unknown', name: { given: '', family: '', script: 'cyrillic' } },
      requiresMedicalEscort: false,
      guardians: [{ relationship: '', name: { given: '', family: '', script: 'cyrillic' }, email: '', preferredLanguage: 'ru' }],
    },
  });
  const { register, handleSubmit, formState, setError, watch } = form;
  const names = useFieldArray({ control: form.control, name: 'names' });
  const guardians = useFieldArray({ control: form.control, name: 'guardians' });
  const e = (path: string) => errorAt(formState.errors, path);
  const languageName = (code: string) => new Intl.DisplayNames([intl.locale], { type: 'language' }).of(code) ?? code;

  const submit = handleSubmit(async (body) => {
    setProblem(undefined);
    try {
      const { data } = await callApi<{ caseId: string }>('intake', '/cases', { method: 'POST', body, purpose: 'case work: register a child', idempotencyKey });
      navigate(`/cases/${data.caseId}`);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      for (const v of error.problem.violations ?? []) if (v.field) setError(pointerToField(v.field) as never, { message: v.message });
      setProblem(error);
    }
  });

  return (
    <Page title={t('register.title')}>
      <form onSubmit={submit} noValidate className="form" data-testid="register-form">
        <ProblemAlert problem={problem} />
        <fieldset>
          <legend>{t('register.programme')}</legend>
          <Field label={t('register.programme')} error={e('programmeId')}>
            <select {...register('programmeId')} data-testid="programme">
              <option value="">{t('register.chooseProgramme')}</option>
              {programmes.data?.items.map((p) => (
                <option key={p.programmeId} value={p.programmeId}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t('register.names')}</legend>
          {names.fields.map((field, i) => {
            const typed = watch(`names.${i}`);
            const latin = typed && typed.script !== 'latin' && (typed.given || typed.family) ? transliterate(`${typed.given} ${typed.family}`.trim()) : undefined;
            return (
              <div className="row" key={field.id}>
                <Field label={t('register.script')} error={e(`names.${i}.script`)}>
                  <select {...register(`names.${i}.script`)}>
                    {SCRIPTS.map((s) => (
                      <option key={s} value={s}>
                        {t(`script.${s}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label={t('register.given')} error={e(`names.${i}.given`)} {...(latin ? { hint: t('register.transliteration', { latin }) } : {})}>
                  <input {...register(`names.${i}.given`)} dir="auto" data-testid={`name-${i}-given`} />
                </Field>
                <Field label={t('register.family')} error={e(`names.${i}.family`)}>
                  <input {...register(`names.${i}.family`)} dir="auto" data-testid={`name-${i}-family`} />
                </Field>
                {names.fields.length > 1 ? (
                  <button type="button" className="secondary" onClick={() => names.remove(i)}>
                    {t('register.removeName')}
                  </button>
                ) : null}
              </div>
            );
          })}
          <button type="button" className="secondary" onClick={() => names.append({ given: '', family: '', script: 'arabic' })}>
            {t('register.addName')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('register.child')}</legend>
          <div className="row">
            <Field label={t('register.sex')} error={e('sex')}>
              <select {...register('sex')}>
                {(['female', 'male', 'unknown'] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`sex.${s}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('register.birthDate')} error={e('birthDate.value')} hint={t('register.birthDateHint')}>
              <input type="date" {...register('birthDate.value')} data-testid="birth-date" />
            </Field>
            <Field label={t('register.precision')} error={e('birthDate.precision')}>
              <select {...register('birthDate.precision')}>
                {(['day', 'month', 'year'] as const).map((p) => (
                  <option key={p} value={p}>
                    {t(`precision.${p}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('register.placeOfBirth')} error={e('placeOfBirth')}>
              <input {...register('placeOfBirth')} dir="auto" />
            </Field>
          </div>
          <div className="row">
            <Field label={t('register.facilityType')} error={e('facility.type')}>
              <select {...register('facility.type')}>
                {(['camp', 'prison', 'orphanage', 'other'] as const).map((f) => (
                  <option key={f} value={f}>
                    {t(`facility.${f}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('register.facilityName')} error={e('facility.name')}>
              <input {...register('facility.name')} dir="auto" data-testid="facility-name" />
            </Field>
            <Field label={t('register.facilityCity')} error={e('facility.city')}>
              <input {...register('facility.city')} dir="auto" data-testid="facility-city" />
            </Field>
          </div>
          <Field label={t('register.medicalNeeds')} error={e('medicalNeeds')}>
            <textarea {...register('medicalNeeds')} dir="auto" rows={2} />
          </Field>
          <label className="check">
            <input type="checkbox" {...register('requiresMedicalEscort')} /> {t('register.medicalEscort')}
          </label>
        </fieldset>

        <fieldset>
          <legend>{t('register.mother')}</legend>
          <div className="row">
            <Field label={t('register.parentStatus')} error={e('mother.status')}>
              <select {...register('mother.status')}>
                {PARENT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`parent.${s}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('register.given')} error={e('mother.name.given')}>
              <input {...register('mother.name.given')} dir="auto" />
            </Field>
            <Field label={t('register.family')} error={e('mother.name.family')}>
              <input {...register('mother.name.family')} dir="auto" />
            </Field>
            <Field label={t('register.location')} error={e('mother.location')}>
              <input {...register('mother.location')} dir="auto" />
            </Field>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('register.guardians')}</legend>
          {guardians.fields.map((field, i) => (
            <div className="row" key={field.id}>
              <Field label={t('register.relationship')} error={e(`guardians.${i}.relationship`)}>
                <input {...register(`guardians.${i}.relationship`)} dir="auto" data-testid={`guardian-${i}-relationship`} />
              </Field>
              <Field label={t('register.given')} error={e(`guardians.${i}.name.given`)}>
                <input {...register(`guardians.${i}.name.given`)} dir="auto" data-testid={`guardian-${i}-given`} />
              </Field>
              <Field label={t('register.family')} error={e(`guardians.${i}.name.family`)}>
                <input {...register(`guardians.${i}.name.family`)} dir="auto" data-testid={`guardian-${i}-family`} />
              </Field>
              <Field label={t('register.script')} error={e(`guardians.${i}.name.script`)}>
                <select {...register(`guardians.${i}.name.script`)}>
                  {SCRIPTS.map((s) => (
                    <option key={s} value={s}>
                      {t(`script.${s}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('register.email')} error={e(`guardians.${i}.email`)}>
                <input type="email" {...register(`guardians.${i}.email`)} dir="ltr" data-testid={`guardian-${i}-email`} />
              </Field>
              <Field label={t('register.language')} error={e(`guardians.${i}.preferredLanguage`)}>
                <select {...register(`guardians.${i}.preferredLanguage`)}>
                  {LANGUAGES.map((l) => (
                    <option key={l} value={l}>
                      {languageName(l)}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
          ))}
          <button type="button" className="secondary" onClick={() => guardians.append({ relationship: '', name: { given: '', family: '', script: 'cyrillic' }, email: '', preferredLanguage: 'ru' })}>
            {t('register.addGuardian')}
          </button>
        </fieldset>
        <button type="submit" disabled={formState.isSubmitting} data-testid="register-submit">
          {t('register.submit')}
        </button>
      </form>
    </Page>
  );
}
