import { useCallback, useEffect, useState } from 'react';
import { callApi, type ServiceName } from '../utils/api-client';
import { ApiProblem } from '../utils/api-problem';

export interface Loaded<T> {
  readonly data?: T;
  readonly etag?: string;
  readonly problem?: ApiProblem;
  readonly loading: boolean;
  reload(): void;
}

/** Reads from a service when the path changes (null: nothing to read yet). */
export function useApi<T>(service: ServiceName, path: string | null, purpose: string): Loaded<T> {
  const [state, setState] = useState<{ data?: T; etag?: string; problem?: ApiProblem; loading: boolean }>({ loading: path !== null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    callApi<T>(service, path, { purpose }).then(
      ({ data, etag }) => current && setState({ data, etag, loading: false }),
      (error: unknown) => current && setState({ loading: false, problem: error instanceof ApiProblem ? error : new ApiProblem({ status: 0, detail: String(error) }) }),
    );
    return () => {
      current = false;
    };
  }, [service, path, purpose, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
