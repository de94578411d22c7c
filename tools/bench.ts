/**
 * `npm run bench -- [--quick] [--rate N] …` (`--help` lists every option):
 * throughput, latency, bulk import, queries and memory of the whole pipeline
 * on servers and services of the run's own, each figure against the targets
 * of DESIGN.md; writes report.json, summary.md and chart.svg into
 * tmp/bench/<run>/ and prints the summary. Exits 0 when the run completed,
 * whatever the figures: the targets are judged in the summary, not here.
 */
import { join } from 'node:path';
import { repoRoot } from '@homeward/testing';
import { BENCH_HELP, BenchUsageError, parseBenchArgs } from './bench/bench-options';
import { benchSummary } from './bench/bench-summary';
import { runBench } from './bench/run-bench';

async function main(): Promise<number> {
  let options;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`bench: ${error.message} (npm run bench -- --help)\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(BENCH_HELP);
    return 0;
  }
  const workDir = options.workDir ?? join(repoRoot, 'tmp/bench', `run-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}`);
  const report = await runBench(options, workDir, (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`));
  process.stdout.write(`\n${benchSummary(report)}\nreport: ${join(workDir, 'report.json')}, chart: ${join(workDir, 'chart.svg')}\n`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
