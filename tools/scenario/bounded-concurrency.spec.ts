import { mapWithConcurrency } from './bounded-concurrency';
import { sleep } from './retry';

describe('mapWithConcurrency', () => {
  it('keeps at most `limit` tasks in flight and returns results in input order', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3, 1, 2], 3, async (ms, index) => {
      most = Math.max(most, ++inFlight);
      await sleep(ms);
      inFlight--;
      return index * 10;
    });
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(most).toBe(3);
  });

  it('handles an empty list and refuses a limit below one', async () => {
    await expect(mapWithConcurrency([], 8, async () => 1)).resolves.toEqual([]);
    await expect(mapWithConcurrency([1], 0, async () => 1)).rejects.toThrow(RangeError);
  });
});
