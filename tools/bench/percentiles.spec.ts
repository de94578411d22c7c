import { percentile, percentiles } from './percentiles';

describe('percentiles', () => {
  it('takes the nearest rank', () => {
    const sample = Array.from({ length: 100 }, (_x, i) => 100 - i);
    expect(percentiles(sample)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(percentile([7], 99)).toBe(7);
  });

  it('is NaN for no sample at all, never zero', () => {
    expect(percentiles([]).p99).toBeNaN();
  });
});
