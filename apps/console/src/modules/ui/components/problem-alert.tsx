import { useT } from '../hooks/use-t';
import type { ApiProblem } from '../utils/api-problem';

/** A refusal in words: the service's detail, and each rule that failed. */
export function ProblemAlert({ problem }: { problem?: ApiProblem }) {
  const t = useT();
  if (!problem) return null;
  const rules = problem.problem.violations?.filter((v) => v.rule) ?? [];
  const heading =
    problem.status === 412 ? t('problem.stale') : problem.status === 403 ? t('problem.forbidden') : problem.status === 404 ? t('problem.notFound') : t('problem.refused');
  return (
    <div className="alert" role="alert" data-testid="problem">
      <p>
        <strong>{heading}</strong> {problem.message}
      </p>
      {rules.length > 0 ? (
        <ul data-testid="failed-rules">
          {rules.map((v, i) => (
            <li key={i} data-rule={v.rule}>
              {v.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
