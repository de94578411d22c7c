import { benchChart, budgetUsed } from './bench-chart';
import { targetChecks, verdict } from './bench-targets';

const figures = {
  eventsPerSecond: 1_200,
  ratio: 0.5,
  throughputComplete: true,
  rate: 100,
  p99Ms: 250,
  relayP99Ms: 20,
  latencyComplete: true,
  importRows: 20_000,
  secondsToDashboard: 40,
  importComplete: true,
  queryCases: 100_000,
  dashboardP95Ms: 30,
  searchP95Ms: 80,
  queryComplete: false,
  rssMbMax: 200,
};

describe('bench targets', () => {
  it('judges each figure against its limit, and an incomplete measurement as a failure', () => {
    const checks = targetChecks(figures);
    expect(checks.map(verdict)).toEqual(['pass', 'pass', 'FAIL', 'pass', 'pass', 'FAIL (incomplete)', 'FAIL (incomplete)', 'pass', 'n/a']);
  });

  it('draws every target and every service in the chart', () => {
    const checks = targetChecks(figures);
    expect(budgetUsed(checks[0]!)).toBeCloseTo(1_000 / 1_200);
    const svg = benchChart('run <1>', checks, { intake: 180, legal: 320 });
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('run &lt;1&gt;');
    expect(svg).toContain('legal');
    expect(svg.match(/<rect /g)!.length).toBe(1 + 8 + 2);
  });
});
