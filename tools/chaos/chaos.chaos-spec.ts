import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, uniqueName } from '@homeward/testing';
import { formatChaosReport } from './chaos-report';
import { runChaos, type ChaosResult } from './run-chaos';

/**
 * The reduced chaos run (`npx nx run tools:chaos-check`, the last step of
 * `npm test`): 200 cases, every service SIGKILLed once, Kafka and the database
 * once each, and poison messages in every topic, on servers of the test's own
 * (the shared ones are never killed): about five minutes on two cores.
 * `npm run chaos` runs the full form (2,000 cases, every service killed
 * three times). Its progress goes to `chaos.log` in its work directory.
 */
const CASES = 200;

describe('chaos run, reduced', () => {
  let result: ChaosResult;

  beforeAll(async () => {
    const workDir = join(repoRoot, 'tmp/chaos', uniqueName('test'));
    mkdirSync(workDir, { recursive: true });
    const logFile = join(workDir, 'chaos.log');
    process.stdout.write(`reduced chaos run: progress in ${logFile}\n`);
    result = await runChaos({
      cases: CASES,
      malformed: true,
      workDir,
      killsPerService: 1,
      gapMs: [2_000, 10_000],
      groupConcurrency: 3,
      log: (line) => appendFileSync(logFile, `${new Date().toISOString().slice(11, 19)} ${line}\n`),
    });
    process.stdout.write(`${formatChaosReport(result)}\n`);
  }, 90 * 60_000);

  it('killed every service once and Kafka and the database once, each coming back', () => {
    const kills = (name: string) => result.faults.filter((f) => f.fault.name === name).length;
    expect({ intake: kills('intake'), legal: kills('legal'), logistics: kills('logistics'), notification: kills('notification'), kafka: kills('kafka'), mongo: kills('mongo') }).toEqual({
      intake: 1,
      legal: 1,
      logistics: 1,
      notification: 1,
      kafka: 1,
      mongo: 1,
    });
  });

  it('brought every case to its final state in every service', () => {
    expect(result.finalByService).toEqual({ intake: CASES, legal: CASES, logistics: CASES, notification: CASES });
    expect(result.unfinished).toBe(0);
  });

  it('sent exactly the e-mails the deliveries record, none missing or twice', () => {
    expect(result.emails.expected).toBeGreaterThanOrEqual(CASES);
    expect(result.emails).toMatchObject({ inMailpit: result.emails.expected, missing: 0, duplicated: 0 });
  });

  it('consumed every event produced, by id, per topic and group, in per-case order, with no lag', () => {
    expect(result.delivery.length).toBeGreaterThanOrEqual(4);
    for (const row of result.delivery) expect(row).toMatchObject({ consumed: row.produced, lost: 0, inversions: 0, lag: 0 });
    expect({ lost: result.lost, duplicated: result.duplicated, inversions: result.inversions }).toEqual({ lost: 0, duplicated: 0, inversions: 0 });
  });

  it('dead-lettered each injected poison message in every group that reads its topic, and nothing else', () => {
    expect(result.deadLetters.injected).toBeGreaterThanOrEqual(12);
    expect(result.deadLetters).toMatchObject({ unexpected: 0, injectedFound: result.deadLetters.injected });
    expect(result.ok).toBe(true);
  });
});
