/**
 * `npm run chaos -- [--cases N] [--malformed] [--kills K] [--work-dir DIR]`:
 * the lifecycle of N cases (default 2,000) through the public APIs while
 * every service is SIGKILLed and restarted K times (default 3), the Kafka
 * broker and the database once each, on servers of the run's own (never the
 * shared ones); prints the audit and exits 0 only if nothing was lost,
 * duplicated, reordered or left unfinished. `--malformed` also injects
 * poison messages into every topic and checks each reaches the dead-letter topics.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@homeward/testing';
import { formatChaosReport } from './chaos/chaos-report';
import { runChaos } from './chaos/run-chaos';

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`--${name} must be a positive integer, got '${raw}'`);
  return value;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      kills: { type: 'string' },
      malformed: { type: 'boolean', default: false },
      'work-dir': { type: 'string' },
      'flights-at-once': { type: 'string' },
    },
  });
  const cases = positive('cases', values.cases, 2_000);
  const result = await runChaos({
    cases,
    malformed: values.malformed ?? false,
    workDir: values['work-dir'] ?? join(repoRoot, 'tmp/chaos', `run-${Date.now().toString(36)}`),
    killsPerService: positive('kills', values.kills, 3),
    // Faults spread over the run: a bigger run waits longer between them.
    gapMs: [Math.min(30_000, 2_000 + cases * 10), Math.min(90_000, 8_000 + cases * 40)],
    groupConcurrency: positive('flights-at-once', values['flights-at-once'], 4),
    log: (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`),
  });
  process.stdout.write(`\n${formatChaosReport(result)}\n`);
  return result.ok ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`chaos failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
