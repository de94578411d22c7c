import type { BenchReport } from './run-bench';
import { describeTarget, verdict } from './bench-targets';
import type { Percentiles } from './percentiles';

const n = (x: number) => (Number.isFinite(x) ? x.toLocaleString('en') : String(x));
const pct = (p: Percentiles) => `p50 ${n(p.p50)} / p95 ${n(p.p95)} / p99 ${n(p.p99)} / max ${n(p.max)} ms (n=${n(p.count)})`;

/** The human summary: every target with its figure and verdict, then what each phase saw. */
export function benchSummary(r: BenchReport): string {
  const m = r.machine;
  const lines = [
    `# Homeward bench ${r.run} (${r.mode})`,
    '',
    `Commit ${r.commit}${r.dirty ? ' (with uncommitted changes)' : ''}; ${m.database.name} ${m.database.version}; ${m.cores} cores (${m.cpu}), ${n(m.memoryMb)} MB, node ${m.node}.`,
    `Load average ${m.loadAverageStart.join(' ')} at the start, ${m.loadAverageEnd.join(' ')} at the end; ${r.startedAt} → ${r.finishedAt}.`,
    '',
    '| target | required | measured | verdict |',
    '| --- | --- | --- | --- |',
    ...r.targets.map((t) => `| ${t.name} | ${describeTarget(t)} | ${t.measured === undefined ? '—' : `${n(t.measured)} ${t.unit}`} | ${verdict(t)}${t.note ? ` (${t.note})` : ''} |`),
    '',
    '## Throughput',
    `Pipeline: ${n(r.throughput.pipeline.events)} events from ${n(r.throughput.pipeline.accepted)} registrations in ${n(r.throughput.pipeline.seconds)} s = ${n(r.throughput.eventsPerSecond)} events/s (${n(r.throughput.pipeline.deliveriesPerSecond)} deliveries/s to the groups; lag left ${n(r.throughput.pipeline.lagLeft)}).`,
    `Null pipeline (same hops, no-op handlers): ${n(r.throughput.nullPipeline.events)} events (${n(r.throughput.nullPipeline.seeded)} seeded) through ${r.throughput.nullPipeline.groups} groups in ${n(r.throughput.nullPipeline.seconds)} s = ${n(r.throughput.nullPipelineEventsPerSecond)} events/s; ratio ${n(r.throughput.ratio)}.`,
    `Events by type: ${Object.entries(r.throughput.pipeline.byType).map(([t, c]) => `${t} ${n(c)}`).join(', ')}.`,
    '',
    '## Latency',
    `${n(r.latency.cases)} registrations offered at ${n(r.latency.offeredPerSecond)}/s (sent at ${n(r.latency.sentPerSecond)}/s), ${n(r.latency.accepted)} accepted, ${n(r.latency.delivered)} e-mails arrived${r.latency.complete ? '' : ' (INCOMPLETE)'}.`,
    `API accept → SMTP accept: ${pct(r.latency.endToEndMs)}.`,
    `Relay, from above (event time, stamped before the commit → Kafka append time): ${pct(r.latency.relayMs)}.`,
    `Relay, from below (intake's answer, after the commit → Kafka append time): ${pct(r.latency.relayAfterAnswerMs)}.`,
    `Intake's answer to POST /cases: ${pct(r.latency.apiMs)}.`,
    '',
    '## Import',
    `${n(r.import.rows)} rows: ${r.import.status}, created ${n(r.import.created)}, duplicates flagged ${n(r.import.duplicatesFlagged)}, rejected ${n(r.import.rejected)}; accepted after ${n(r.import.secondsToAccepted)} s, imported after ${n(r.import.secondsToImported)} s, counted on the dashboard after ${n(r.import.secondsToDashboard)} s.`,
    '',
    `## Queries with ${n(r.dashboard.casesInDatabase)} cases (filled in ${n(r.queries.fillSeconds)} s; legal, logistics and notification stopped)`,
    ...Object.entries(r.dashboard.panels).map(([name, p]) => `- dashboard ${name}: ${pct(p)}`),
    ...Object.entries(r.search.searches).map(([name, p]) => `- intake search by ${name}: ${pct(p)}`),
    `- failed requests ${r.queries.failures}; the search finds the child in both scripts: ${r.search.findsTheChild ? 'yes' : 'NO'}`,
    '',
    '## Processes (peak memory, CPU seconds over the run)',
    ...Object.entries(r.processes).map(([name, p]) => `- ${name}: RSS ${n(p.rssMb)} MB (VmHWM ${n(p.hwmMb)} MB), CPU ${n(p.cpuSeconds)} s`),
    '',
    ...(r.profiles
      ? [
          '## CPU profiles (self time)',
          ...Object.entries(r.profiles).flatMap(([app, hints]) =>
            hints.map((h) => `- ${app} (${n(h.sampledSeconds)} s sampled): ${h.byPlace.slice(0, 8).map((p) => `${p.place} ${Math.round(p.share * 100)}%`).join(', ')}; top: ${h.topFunctions.slice(0, 5).map((f) => `${f.name} ${Math.round(f.share * 100)}%`).join(', ')}`),
          ),
          '',
        ]
      : []),
    '## Phases',
    ...r.phases.map(
      (p) =>
        `- ${p.name}: ${n(p.seconds)} s, load average ${p.loadAverageStart.join(' ')} → ${p.loadAverageEnd.join(' ')}; CPU s ${Object.entries(p.cpuSeconds)
          .filter(([, s]) => s > 0)
          .sort((a, b) => b[1] - a[1])
          .map(([name, s]) => `${name} ${n(s)}`)
          .join(', ')}`,
    ),
    '',
  ];
  return lines.join('\n');
}
