import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serviceNames } from '@homeward/testing';
import { newRunId } from '../scenario/scenario-options';
import { benchChart } from './bench-chart';
import { summariseProfiles, type ProfileHint } from './cpu-profile-summary';
import { commitOf, loadAverage, machineOf, type Machine } from './bench-machine';
import type { BenchOptions } from './bench-options';
import { benchSummary } from './bench-summary';
import { startBenchStack } from './bench-stack';
import { targetChecks, type TargetCheck } from './bench-targets';
import { importPhase, type ImportResult } from './import-phase';
import { latencyPhase, type LatencyResult } from './latency-phase';
import { nullPipeline, type NullPipelineResult } from './null-pipeline';
import { startProcessSampler, type ProcessPeak } from './process-sampler';
import { queryPhase, type QueryResult } from './query-phase';
import { throughputPhase, type ThroughputResult } from './throughput-phase';

export interface PhaseRecord {
  readonly name: string;
  readonly seconds: number;
  readonly loadAverageStart: [number, number, number];
  readonly loadAverageEnd: [number, number, number];
  /** CPU seconds each process spent in the phase. */
  readonly cpuSeconds: Record<string, number>;
}

export interface BenchReport {
  readonly run: string;
  readonly mode: 'quick' | 'full';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly commit: string;
  readonly dirty: boolean;
  readonly machine: Machine & { readonly loadAverageStart: [number, number, number]; readonly loadAverageEnd: [number, number, number] };
  readonly options: Omit<BenchOptions, 'workDir'>;
  readonly throughput: { readonly eventsPerSecond: number; readonly nullPipelineEventsPerSecond: number; readonly ratio: number; readonly pipeline: ThroughputResult; readonly nullPipeline: NullPipelineResult };
  readonly latency: { readonly p50Ms: number; readonly p95Ms: number; readonly p99Ms: number; readonly relayP50Ms: number; readonly relayP95Ms: number; readonly relayP99Ms: number } & LatencyResult;
  readonly import: ImportResult;
  readonly dashboard: { readonly p95Ms: number; readonly casesInDatabase: number; readonly panels: QueryResult['panels'] };
  readonly search: { readonly p95Ms: number; readonly casesInDatabase: number; readonly searches: QueryResult['searches']; readonly findsTheChild: boolean };
  readonly queries: { readonly fillSeconds: number; readonly dashboardCounted: number; readonly failures: number };
  readonly rssMbMax: number;
  readonly processes: Record<string, ProcessPeak>;
  readonly phases: readonly PhaseRecord[];
  readonly targets: readonly TargetCheck[];
  /** With --cpu-prof: each app's self time by package and its top functions. */
  readonly profiles?: Record<string, ProfileHint[]>;
  readonly workDir: string;
}

/** Pids of the servers infra/scripts/servers.sh started in the run directory (their *.pid files). */
function serverPids(runDir: string): Record<string, number | undefined> {
  const found: Record<string, number | undefined> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('.pid')) found[entry.name.slice(0, -4)] = Number(readFileSync(join(dir, entry.name), 'utf8').trim()) || undefined;
    }
  };
  try {
    walk(runDir);
  } catch {
    // No pid files yet: the servers are not up.
  }
  return found;
}

/**
 * One benchmark run: its own servers and apps, then the phases one after
 * another (latency at a steady rate on a fresh pipeline; throughput; the null
 * pipeline replaying the throughput phase's hops; the bulk import; the
 * queries on a database filled to `queryCases`, with legal, logistics and
 * notification stopped so that their backlog does not share the cores with
 * the reads), then report.json, summary.md and chart.svg in the work dir.
 */
export async function runBench(options: BenchOptions, workDir: string, log: (line: string) => void): Promise<BenchReport> {
  mkdirSync(workDir, { recursive: true });
  const runId = newRunId();
  const startedAt = new Date();
  const loadAverageStart = loadAverage();
  log(`bench ${runId} (${options.quick ? 'quick' : 'full'}) in ${workDir}; load average ${loadAverageStart.join(' ')}`);
  const profileDir = options.cpuProfile ? join(workDir, 'profiles') : undefined;
  const stack = await startBenchStack(options.ports, workDir, runId, log, profileDir);
  // Ctrl-C or a SIGTERM stops the run's own servers and apps before leaving; partial.json keeps what was measured.
  const interrupted = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the run's servers and apps`);
    void stack.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const sampler = startProcessSampler(() => ({ ...Object.fromEntries([...serviceNames, 'dashboard' as const].map((n) => [n, stack.services.pid(n)])), ...serverPids(join(workDir, 'run')) }));
  const phases: PhaseRecord[] = [];
  // What each phase found, written as it ends: a run stopped half-way still leaves its figures.
  const partial: Record<string, unknown> = { run: runId, mode: options.quick ? 'quick' : 'full', ...commitOf(), phases };
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const before = sampler.snapshot();
    const start = { at: Date.now(), load: loadAverage() };
    log(`${name}: load average ${start.load.join(' ')}`);
    const result = await work();
    const after = sampler.snapshot();
    const cpuSeconds = Object.fromEntries(Object.entries(after).map(([n, p]) => [n, Math.round((p.cpuSeconds - (before[n]?.cpuSeconds ?? 0)) * 10) / 10]));
    phases.push({ name, seconds: Math.round((Date.now() - start.at) / 100) / 10, loadAverageStart: start.load, loadAverageEnd: loadAverage(), cpuSeconds });
    log(`${name}: done in ${phases.at(-1)!.seconds} s; CPU seconds ${Object.entries(cpuSeconds).filter(([, s]) => s > 0).map(([n, s]) => `${n} ${s}`).join(', ')}`);
    partial[name] = result && typeof result === 'object' && 'result' in result ? (result as { result: unknown }).result : result;
    partial['processes'] = after;
    writeFileSync(join(workDir, 'partial.json'), `${JSON.stringify(partial, null, 2)}\n`);
    return result;
  };
  try {
    const machine = await machineOf(stack.servers.mongoUrl);
    log(`database ${machine.database.name} ${machine.database.version}; ${machine.cores} cores, node ${machine.node}`);
    const tag = (what: string) => `${runId}-${what}`;
    // Each phase registers other children (other numbers, so other names): none is another phase's duplicate.
    const firsts = [0, options.latencyCases, options.latencyCases + options.throughputCases, options.latencyCases + options.throughputCases + options.importRows];
    const latency = await phase('latency', () => latencyPhase(stack, tag('lat'), firsts[0]!, options.rate, options.latencyCases, options.drainMs, log));
    const throughput = await phase('throughput', () => throughputPhase(stack, tag('thr'), firsts[1]!, options.throughputCases, options.concurrency, options.drainMs, log));
    const nulls = await phase('null pipeline', () =>
      nullPipeline(stack.kafka, stack.services.topicPrefix, `bench-null-${runId}`, throughput.records, throughput.groups, stack.services.groups, options.drainMs, log),
    );
    const imported = await phase('import', () => importPhase(stack, tag('imp'), firsts[2]!, options.importRows, options.drainMs, log));
    // The queries are timed on intake and the dashboard alone: the other services' backlog would share the cores.
    for (const name of ['legal', 'logistics', 'notification'] as const) await stack.services.stop(name);
    const registered = latency.accepted + throughput.result.accepted + imported.created;
    const queries = await phase('queries', () => queryPhase(stack, tag('q'), firsts[3]!, registered, options.queryCases, options.queryRuns, options.drainMs, log));
    const processes = sampler.stop();
    const rssMbMax = Math.max(...Object.entries(processes).filter(([n]) => (serviceNames as readonly string[]).includes(n) || n === 'dashboard').map(([, p]) => Math.max(p.rssMb, p.hwmMb)));
    const ratio = Math.round((throughput.result.eventsPerSecond / nulls.eventsPerSecond) * 1000) / 1000;
    const dashboardP95 = Math.max(...['summary', 'movements', 'holds'].map((p) => queries.panels[p as keyof typeof queries.panels]!.p95));
    const searchP95 = Math.max(...Object.values(queries.searches).map((s) => s.p95));
    const queryComplete = queries.dashboardCounted >= queries.casesInDatabase && queries.casesInDatabase >= options.queryCases && queries.failures === 0 && queries.searchFinds;
    const throughputComplete = throughput.result.lagLeft === 0 && throughput.result.accepted === options.throughputCases && nulls.lagLeft === 0 && nulls.events === throughput.result.events;
    const targets = targetChecks({
      eventsPerSecond: throughput.result.eventsPerSecond,
      ratio,
      throughputComplete,
      rate: options.rate,
      p99Ms: latency.endToEndMs.p99,
      relayP99Ms: latency.relayMs.p99,
      latencyComplete: latency.complete,
      importRows: options.importRows,
      secondsToDashboard: imported.secondsToDashboard,
      importComplete: imported.complete,
      queryCases: queries.casesInDatabase,
      dashboardP95Ms: dashboardP95,
      searchP95Ms: searchP95,
      queryComplete,
      rssMbMax,
    });
    const { workDir: _w, ...shown } = options;
    // The apps write their profiles as they exit: stop them first.
    if (profileDir) await stack.close();
    let profiles: Record<string, ProfileHint[]> | undefined;
    try {
      profiles = profileDir ? summariseProfiles(profileDir) : undefined;
    } catch (error) {
      log(`the CPU profiles in ${profileDir} could not be read: ${(error as Error).message}`);
    }
    const report: BenchReport = {
      run: runId,
      mode: options.quick ? 'quick' : 'full',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      ...commitOf(),
      machine: { ...machine, loadAverageStart, loadAverageEnd: loadAverage() },
      options: shown,
      throughput: { eventsPerSecond: throughput.result.eventsPerSecond, nullPipelineEventsPerSecond: nulls.eventsPerSecond, ratio, pipeline: throughput.result, nullPipeline: nulls },
      latency: {
        p50Ms: latency.endToEndMs.p50,
        p95Ms: latency.endToEndMs.p95,
        p99Ms: latency.endToEndMs.p99,
        relayP50Ms: latency.relayMs.p50,
        relayP95Ms: latency.relayMs.p95,
        relayP99Ms: latency.relayMs.p99,
        ...latency,
      },
      import: imported,
      dashboard: { p95Ms: dashboardP95, casesInDatabase: queries.casesInDatabase, panels: queries.panels },
      search: { p95Ms: searchP95, casesInDatabase: queries.casesInDatabase, searches: queries.searches, findsTheChild: queries.searchFinds },
      queries: { fillSeconds: queries.fillSeconds, dashboardCounted: queries.dashboardCounted, failures: queries.failures },
      rssMbMax,
      processes,
      phases,
      targets,
      ...(profiles ? { profiles } : {}),
      workDir,
    };
    writeFileSync(join(workDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(workDir, 'summary.md'), benchSummary(report));
    const rss = Object.fromEntries(Object.entries(processes).filter(([n]) => (serviceNames as readonly string[]).includes(n) || n === 'dashboard').map(([n, p]) => [n, Math.max(p.rssMb, p.hwmMb)]));
    writeFileSync(join(workDir, 'chart.svg'), benchChart(`Homeward bench ${runId} (${report.mode}) on ${machine.database.name} ${machine.database.version}, ${report.commit.slice(0, 10)}`, targets, rss));
    return report;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    sampler.stop();
    await stack.close();
  }
}
