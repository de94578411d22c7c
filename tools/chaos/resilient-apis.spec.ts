import { ApiError } from '../scenario/api-client';
import type { HomewardApis } from '../scenario/homeward-apis';
import { DeadlineExceededError } from '../scenario/retry';
import { resilientApis } from './resilient-apis';

const refused = () => new ApiError('intake', 'GET', '/cases/c-1', 0, undefined, { cause: new Error('fetch failed') });

/** A service that fails `times` calls with `failure`, then answers. */
function flaky(times: number, failure: () => unknown) {
  let calls = 0;
  const apis = {
    getCase: async () => {
      calls += 1;
      if (calls <= times) throw failure();
      return { caseId: 'c-1' };
    },
  } as unknown as HomewardApis;
  return { apis, calls: () => calls };
}

describe('resilientApis', () => {
  it('outlasts a service that is down, also when the client already gave up retrying a GET', async () => {
    const service = flaky(2, () => new DeadlineExceededError('intake GET /cases/c-1', 4_300, 'no answer', { cause: refused() }));
    const outages = { count: 0 };
    await expect(resilientApis(service.apis, 60_000, outages).getCase('c-1')).resolves.toEqual({ caseId: 'c-1' });
    expect({ calls: service.calls(), outages: outages.count }).toEqual({ calls: 3, outages: 2 });
  });

  it('repeats a registration under one Idempotency-Key, so a lost answer cannot register the child twice', async () => {
    const keys: string[] = [];
    let calls = 0;
    const apis = {
      registerCase: async (_body: unknown, _by: unknown, key?: string) => {
        keys.push(key ?? 'none');
        calls += 1;
        if (calls < 3) throw refused();
        return { caseId: 'c-1' };
      },
    } as unknown as HomewardApis;
    const resilient = resilientApis(apis, 60_000, { count: 0 });
    await expect(resilient.registerCase({} as never, { userId: 'case-worker-1' })).resolves.toEqual({ caseId: 'c-1' });
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^registration-/);
  });

  it('passes on at once what an outage does not explain: a refusal, or a deadline around one', async () => {
    const conflict = () => new ApiError('intake', 'GET', '/cases/c-1', 409, undefined);
    for (const failure of [conflict, () => new DeadlineExceededError('intake GET /cases/c-1', 5_000, '409', { cause: conflict() })]) {
      const service = flaky(1, failure);
      const outages = { count: 0 };
      await expect(resilientApis(service.apis, 60_000, outages).getCase('c-1')).rejects.toBeInstanceOf(Error);
      expect({ calls: service.calls(), outages: outages.count }).toEqual({ calls: 1, outages: 0 });
    }
  });
});
