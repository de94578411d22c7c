import { randomUUID } from 'node:crypto';
import { ApiError } from '../scenario/api-client';
import type { HomewardApis } from '../scenario/homeward-apis';
import { DeadlineExceededError, sleep } from '../scenario/retry';

/**
 * While services, Kafka and the database crash and come back, a call may meet a
 * closed port, a reset or a 5xx; a GET that the client already retried for a
 * few seconds ends in a DeadlineExceededError around the same answer.
 */
const outageOf = (error: unknown): ApiError | undefined => {
  if (error instanceof ApiError) return error.retriable || error.status >= 500 ? error : undefined;
  if (error instanceof DeadlineExceededError) return outageOf(error.cause);
  return undefined;
};

/**
 * The scenario's API calls, made to outlast crashes: each call is repeated
 * through an outage for up to `patienceMs`. Commands are safe to repeat (the
 * scenario's steps accept "already done" answers), and a registration is
 * repeated under the same Idempotency-Key, so a lost answer never registers
 * the child twice.
 */
export function resilientApis(apis: HomewardApis, patienceMs: number, outages: { count: number }): HomewardApis {
  const persist = async <T>(call: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (!outageOf(error) || Date.now() - started > patienceMs) throw error;
        outages.count++;
        await sleep(Math.min(5_000, 100 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random() / 2));
      }
    }
  };
  const wrapped = Object.fromEntries(
    Object.entries(apis).map(([name, fn]) => [name, (...args: unknown[]) => persist(() => (fn as (...a: unknown[]) => Promise<unknown>)(...args))]),
  ) as HomewardApis;
  return {
    ...wrapped,
    registerCase: (body, by, key = `registration-${randomUUID()}`) => persist(() => apis.registerCase(body, by, key)),
  };
}
