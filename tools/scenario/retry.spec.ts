import { DeadlineExceededError, notYet, pollUntil, reached, withRetry } from './retry';

class Refused extends Error {}

describe('withRetry', () => {
  it('retries the errors it is told to until the call succeeds', async () => {
    let calls = 0;
    const value = await withRetry(
      'flaky',
      async () => {
        if (++calls < 3) throw new Refused('not yet');
        return 'done';
      },
      (e) => e instanceof Refused,
      { timeoutMs: 1_000, initialDelayMs: 1 },
    );
    expect(value).toBe('done');
    expect(calls).toBe(3);
  });

  it('rethrows at once an error it must not retry', async () => {
    let calls = 0;
    const failing = withRetry('fatal', async () => { calls++; throw new Error('bad request'); }, (e) => e instanceof Refused, { timeoutMs: 1_000 });
    await expect(failing).rejects.toThrow('bad request');
    expect(calls).toBe(1);
  });

  it('gives up at the deadline, saying what was last seen and keeping the last error as cause', async () => {
    const last = new Refused('still refused');
    const error = await withRetry('seat', async () => { throw last; }, () => true, { timeoutMs: 50, initialDelayMs: 5, maxDelayMs: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect((error as DeadlineExceededError).message).toMatch(/^seat: not reached after .* \(last seen: still refused\)$/);
    expect((error as DeadlineExceededError).cause).toBe(last);
  });
});

describe('pollUntil', () => {
  it('returns the value once observed', async () => {
    let looks = 0;
    const value = await pollUntil('file', async () => (++looks < 3 ? notYet(`look ${looks}`) : reached(42)), { timeoutMs: 1_000, initialDelayMs: 1 });
    expect(value).toBe(42);
  });

  it('throws with the last observation when the deadline passes', async () => {
    await expect(pollUntil('file', async () => notYet('404'), { timeoutMs: 40, initialDelayMs: 5 })).rejects.toThrow(/file: not reached .*last seen: 404/);
  });
});
