import { useEffect } from 'react';
import { FormattedNumber } from 'react-intl';
import { Page } from '../../ui/components/page';
import { ProblemAlert } from '../../ui/components/problem-alert';
import { useApi } from '../../ui/hooks/use-api';
import { useT } from '../../ui/hooks/use-t';

interface Summary {
  readonly totalCases?: number;
  readonly byStage?: Record<string, number>;
  readonly [panel: string]: unknown;
}

/** The live programme dashboard, reached signed in: the dashboard service's panels through the console, refreshed every few seconds. */
export default function DashboardPage() {
  const t = useT();
  const summary = useApi<Summary>('dashboard', '/api/summary', 'programme oversight: dashboard');
  const { reload } = summary;
  useEffect(() => {
    const timer = setInterval(reload, 3_000);
    return () => clearInterval(timer);
  }, [reload]);
  const byStage = summary.data?.byStage ?? {};
  return (
    <Page title={t('dashboard.title')}>
      <ProblemAlert problem={summary.problem} />
      <ul className="tiles" data-testid="dashboard-tiles">
        {Object.entries(byStage).map(([stage, count]) => (
          <li key={stage} className="tile">
            <span className="tile-value">
              <FormattedNumber value={count} />
            </span>
            <span className="tile-label">{t(`stage.${stage}`)}</span>
          </li>
        ))}
      </ul>
    </Page>
  );
}
