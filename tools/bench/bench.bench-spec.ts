import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { freeFixedPort, repoRoot, uniqueName } from '@homeward/testing';
import { parseBenchArgs, type BenchOptions } from './bench-options';
import { runBench, type BenchReport } from './run-bench';

/**
 * `npx nx run tools:bench-check` (run by `npm test` after the integration
 * tests): `npm run bench -- --quick` once, on ports of the test's own, to
 * prove the benchmark works. It asserts that the run completes and that
 * every figure is sane (positive, finite, every case counted), never how
 * fast anything is: speed is the benchmark's to report, not a test's to judge.
 */
const bindable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** Five free ports in a row for the five apps. */
async function freeRun(): Promise<number> {
  for (;;) {
    const first = await freeFixedPort(20_000, 31_000);
    const rest = await Promise.all([1, 2, 3, 4].map((i) => bindable(first + i)));
    if (rest.every(Boolean)) return first;
  }
}

describe('benchmark, quick', () => {
  let report: BenchReport;
  let workDir: string;

  beforeAll(async () => {
    workDir = join(repoRoot, 'tmp/bench', uniqueName('test'));
    mkdirSync(workDir, { recursive: true });
    const logFile = join(workDir, 'bench.log');
    process.stdout.write(`quick benchmark: progress in ${logFile}\n`);
    const ports = [
      ['--kafka-port', await freeFixedPort()],
      ['--kafka-controller-port', await freeFixedPort()],
      ['--mongo-port', await freeFixedPort()],
      ['--smtp-port', await freeFixedPort()],
      ['--mailpit-port', await freeFixedPort()],
      ['--service-ports', await freeRun()],
    ].flatMap(([flag, port]) => [String(flag), String(port)]);
    // Smaller counts than --quick's own (npm test must stay well inside CI's
    // time on a busy machine; every phase still runs end to end), and a long
    // drain: completeness must not depend on how fast a loaded machine is.
    const counts = ['--latency-cases', '40', '--throughput-cases', '40', '--import-rows', '400', '--query-cases', '1000', '--query-runs', '20'];
    const options = parseBenchArgs(['--quick', ...counts, '--drain-seconds', '900', '--work-dir', workDir, ...ports]) as BenchOptions;
    report = await runBench(options, workDir, (line) => appendFileSync(logFile, `${new Date().toISOString().slice(11, 19)} ${line}\n`));
  }, 45 * 60_000);

  const sane = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;

  it('writes the report, the summary and the chart', () => {
    for (const file of ['report.json', 'summary.md', 'chart.svg']) expect(existsSync(join(workDir, file))).toBe(true);
    const written = JSON.parse(readFileSync(join(workDir, 'report.json'), 'utf8')) as BenchReport;
    expect(written.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(written.machine).toMatchObject({ cores: expect.any(Number), node: expect.stringMatching(/^v24\./), database: { name: expect.any(String), version: expect.any(String) } });
    expect(readFileSync(join(workDir, 'summary.md'), 'utf8')).toContain('| target |');
  });

  it('gives a positive, finite figure for every headline number', () => {
    const headline = {
      eventsPerSecond: report.throughput.eventsPerSecond,
      nullPipelineEventsPerSecond: report.throughput.nullPipelineEventsPerSecond,
      p99Ms: report.latency.p99Ms,
      relayP99Ms: report.latency.relayP99Ms,
      secondsToDashboard: report.import.secondsToDashboard,
      dashboardP95Ms: report.dashboard.p95Ms,
      searchP95Ms: report.search.p95Ms,
      rssMbMax: report.rssMbMax,
    };
    for (const [name, value] of Object.entries(headline)) expect([name, sane(value)]).toEqual([name, true]);
  });

  it('counted every case in every phase', () => {
    const options = report.options;
    expect(report.latency).toMatchObject({ cases: options.latencyCases, accepted: options.latencyCases, delivered: options.latencyCases, complete: true });
    expect(report.throughput.pipeline).toMatchObject({ accepted: options.throughputCases, lagLeft: 0 });
    expect(report.throughput.pipeline.events).toBeGreaterThanOrEqual(options.throughputCases);
    expect(report.throughput.nullPipeline).toMatchObject({ events: report.throughput.pipeline.events, lagLeft: 0 });
    expect(report.import).toMatchObject({ rows: options.importRows, created: options.importRows, status: 'completed', complete: true });
    expect(report.dashboard.casesInDatabase).toBeGreaterThanOrEqual(options.queryCases);
    expect(report.queries).toMatchObject({ failures: 0 });
    expect(report.queries.dashboardCounted).toBeGreaterThanOrEqual(report.dashboard.casesInDatabase);
    expect(report.search.findsTheChild).toBe(true);
    expect(Object.keys(report.processes)).toEqual(expect.arrayContaining(['intake', 'legal', 'logistics', 'notification', 'dashboard']));
  });

  it('checks every target of the design', () => {
    expect(report.targets.map((t) => t.name)).toHaveLength(9);
    for (const t of report.targets.filter((x) => x.measured !== undefined)) expect([t.name, sane(t.measured)]).toEqual([t.name, true]);
  });
});
