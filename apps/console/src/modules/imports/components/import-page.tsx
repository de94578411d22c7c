import { useEffect, useState } from 'react';
import { FormattedNumber } from 'react-intl';
import { Field } from '../../ui/components/field';
import { Page } from '../../ui/components/page';
import { ProblemAlert } from '../../ui/components/problem-alert';
import { useApi } from '../../ui/hooks/use-api';
import { useT } from '../../ui/hooks/use-t';
import { callApi } from '../../ui/utils/api-client';
import { ApiProblem } from '../../ui/utils/api-problem';
import { refusedRowsCsv, type RefusedRow } from '../utils/refused-rows-csv';

interface ImportJob {
  readonly importId: string;
  readonly status: 'queued' | 'running' | 'completed' | 'failed';
  readonly totals: { rows: number; accepted: number; rejected: number; created: number; alreadyImported: number; duplicatesFlagged: number; processed: number };
  readonly failure?: string;
}

const PURPOSE = 'case work: import a list of children';

/** A list of children (CSV or JSON) imported with a live progress bar, then the row report; the refused rows download as CSV. */
export default function ImportPage() {
  const t = useT();
  const programmes = useApi<{ items: { programmeId: string; name: string }[] }>('intake', '/programmes', PURPOSE);
  const [programmeId, setProgrammeId] = useState('');
  const [file, setFile] = useState<File>();
  const [job, setJob] = useState<ImportJob>();
  const [refused, setRefused] = useState<RefusedRow[]>();
  const [problem, setProblem] = useState<ApiProblem>();
  const chosenProgramme = programmeId || programmes.data?.items[0]?.programmeId || '';

  useEffect(() => {
    if (!job || job.status === 'completed' || job.status === 'failed') return;
    const timer = setTimeout(() => {
      callApi<ImportJob>('intake', `/imports/${job.importId}`, { purpose: PURPOSE }).then(({ data }) => setJob(data), (error: unknown) => error instanceof ApiProblem && setProblem(error));
    }, 500);
    return () => clearTimeout(timer);
  }, [job]);
  useEffect(() => {
    if (job?.status !== 'completed' && job?.status !== 'failed') return;
    callApi<{ rejected: RefusedRow[] }>('intake', `/imports/${job.importId}/report`, { purpose: PURPOSE }).then(({ data }) => setRefused(data.rejected), (error: unknown) => error instanceof ApiProblem && setProblem(error));
  }, [job?.status, job?.importId]);

  const done = job ? job.totals.processed + job.totals.rejected : 0;
  return (
    <Page title={t('imports.title')}>
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!file) return;
          setProblem(undefined);
          setJob(undefined);
          setRefused(undefined);
          const text = await file.text();
          const json = file.name.toLowerCase().endsWith('.json');
          try {
            const { data } = json
              ? await callApi<ImportJob>('intake', '/imports', { method: 'POST', purpose: PURPOSE, body: { programmeId: chosenProgramme, rows: (JSON.parse(text) as { rows?: unknown[] }).rows ?? JSON.parse(text) } })
              : await callApi<ImportJob>('intake', `/imports?programmeId=${encodeURIComponent(chosenProgramme)}`, { method: 'POST', purpose: PURPOSE, body: text, contentType: 'text/csv' });
            setJob(data);
          } catch (error) {
            if (error instanceof ApiProblem) setProblem(error);
            else setProblem(new ApiProblem({ status: 400, detail: t('imports.unreadable') }));
          }
        }}
      >
        <ProblemAlert problem={problem} />
        <Field label={t('register.programme')}>
          <select value={chosenProgramme} onChange={(e) => setProgrammeId(e.target.value)}>
            {programmes.data?.items.map((p) => (
              <option key={p.programmeId} value={p.programmeId}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('imports.file')} hint={t('imports.fileHint')}>
          <input type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => setFile(e.target.files?.[0])} data-testid="import-file" />
        </Field>
        <button type="submit" disabled={!file} data-testid="import-submit">
          {t('imports.submit')}
        </button>
      </form>
      {job ? (
        <section aria-labelledby="import-progress-title" data-testid="import-job" data-status={job.status}>
          <h2 id="import-progress-title">{t(`importStatus.${job.status}`)}</h2>
          <label>
            <span>{t('imports.progress', { done, rows: job.totals.rows })}</span>
            <progress max={Math.max(job.totals.rows, 1)} value={done} data-testid="import-progress" />
          </label>
          <dl className="facts">
            <dt>{t('imports.created')}</dt>
            <dd data-testid="import-created">
              <FormattedNumber value={job.totals.created} />
            </dd>
            <dt>{t('imports.alreadyImported')}</dt>
            <dd>
              <FormattedNumber value={job.totals.alreadyImported} />
            </dd>
            <dt>{t('imports.rejected')}</dt>
            <dd data-testid="import-rejected">
              <FormattedNumber value={job.totals.rejected} />
            </dd>
            <dt>{t('imports.duplicates')}</dt>
            <dd>
              <FormattedNumber value={job.totals.duplicatesFlagged} />
            </dd>
          </dl>
          {job.failure ? <p className="alert">{job.failure}</p> : null}
          {refused && refused.length > 0 ? (
            <>
              <table className="list" data-testid="refused-rows">
                <caption>{t('imports.refusedRows')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('imports.row')}</th>
                    <th scope="col">{t('imports.field')}</th>
                    <th scope="col">{t('imports.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {refused.map((r, i) => (
                    <tr key={i}>
                      <td>{r.row}</td>
                      <td>
                        <code>{r.field}</code>
                      </td>
                      <td>{r.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(refusedRowsCsv(refused))}`} download={`refused-rows-${job.importId}.csv`} data-testid="refused-download">
                {t('imports.download')}
              </a>
            </>
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}
