import { z } from 'zod';
import { ApiError, createApiClient } from '../scenario/api-client';
import { READERS, type HomewardApis, type RegisterCaseBody, type ServiceUrls } from '../scenario/homeward-apis';
import { chaosAccessToken } from './chaos-auth';
import { DeadlineExceededError, sleep } from '../scenario/retry';

/**
 * While services, Kafka and FerretDB crash and come back, a call may meet a
 * closed port, a reset or a 5xx; a GET that the client already retried for a
 * few seconds ends in a DeadlineExceededError around the same answer.
 */
const outageOf = (error: unknown): ApiError | undefined => {
  if (error instanceof ApiError) return error.retriable || error.status >= 500 ? error : undefined;
  if (error instanceof DeadlineExceededError) return outageOf(error.cause);
  return undefined;
};
const neverSent = (error: ApiError) => error.status === 0 && /ECONNREFUSED/.test(String((error.cause as { cause?: unknown } | undefined)?.cause ?? error.message));

const CaseList = z.object({ items: z.array(z.object({ caseId: z.string(), stage: z.string() })) });

/**
 * The scenario's API calls, made to outlast crashes: each call is repeated
 * through an outage for up to `patienceMs`. Commands are safe to repeat
 * (the scenario's steps accept "already done" answers); a registration whose
 * answer was lost may have created the case, so before it is sent again intake
 * is searched for the child's (run-unique) name.
 */
export function resilientApis(apis: HomewardApis, urls: ServiceUrls, patienceMs: number, outages: { count: number }): HomewardApis {
  const intake = createApiClient({ service: 'intake', baseUrl: urls.intake, requestIdPrefix: 'chaos', accessToken: chaosAccessToken, reader: READERS.intake });
  const persist = async <T>(call: () => Promise<T>, beforeRetry?: (error: ApiError) => Promise<T | undefined>): Promise<T> => {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        const outage = outageOf(error);
        if (!outage || Date.now() - started > patienceMs) throw error;
        outages.count++;
        await sleep(Math.min(5_000, 100 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random() / 2));
        const found = await beforeRetry?.(outage);
        if (found !== undefined) return found;
      }
    }
  };
  const registered = async (body: RegisterCaseBody) => {
    const latin = body.names.find((n) => n.script === 'latin') ?? body.names[0]!;
    const query = new URLSearchParams({ name: `${latin.given} ${latin.family}`, programmeId: body.programmeId, limit: '5' });
    const { items } = CaseList.parse(await persist(() => intake.get(`/cases?${query}`)));
    if (items.length > 1) throw new Error(`${items.length} cases named like the child: a lost answer was registered twice`);
    return items[0];
  };

  const wrapped = Object.fromEntries(
    Object.entries(apis).map(([name, fn]) => [name, (...args: unknown[]) => persist(() => (fn as (...a: unknown[]) => Promise<unknown>)(...args))]),
  ) as HomewardApis;
  return {
    ...wrapped,
    registerCase: (body, by) => persist(() => apis.registerCase(body, by), async (error) => (neverSent(error) ? undefined : registered(body))),
  };
}
