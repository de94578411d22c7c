import { sleep } from '../scenario/retry';
import { benchChild } from './bench-children';
import type { BenchStack } from './bench-stack';

export interface ImportResult {
  readonly rows: number;
  readonly status: string;
  readonly created: number;
  readonly duplicatesFlagged: number;
  readonly rejected: number;
  /** POST /imports answered (parsed, validated, stored). */
  readonly secondsToAccepted: number;
  /** The import job finished: every child registered and checked for duplicates. */
  readonly secondsToImported: number;
  /** The dashboard counts every child the import created. */
  readonly secondsToDashboard: number;
  readonly complete: boolean;
}

/** The dashboard's count of children (its summary panel's headline). */
export async function dashboardCases(stack: BenchStack): Promise<number> {
  const answer = await stack.request('GET', `${stack.urls.dashboard}/api/summary`);
  if (answer.status !== 200) throw new Error(`GET /api/summary answered ${answer.status}`);
  return Number((answer.body['totals'] as { cases: number }).cases);
}

/**
 * One import of `rows` children (numbers `first`…) through intake's API,
 * from the POST until the dashboard counts every child it created.
 */
export async function importPhase(stack: BenchStack, tag: string, first: number, rows: number, deadlineMs: number, log: (line: string) => void): Promise<ImportResult> {
  const before = await dashboardCases(stack);
  const list = Array.from({ length: rows }, (_x, i) => benchChild(tag, first + i));
  const started = Date.now();
  const seconds = (at: number) => Math.round((at - started) / 100) / 10;
  const posted = await stack.request('POST', `${stack.urls.intake}/imports`, { programmeId: stack.programmeId, rows: list });
  if (posted.status !== 202 || !posted.location) throw new Error(`POST /imports answered ${posted.status}: ${JSON.stringify(posted.body).slice(0, 300)}`);
  const acceptedAt = posted.answeredAt;
  const deadline = started + deadlineMs;
  let job = posted.body;
  while ((job['status'] === 'queued' || job['status'] === 'running') && Date.now() < deadline) {
    await sleep(500);
    job = (await stack.request('GET', `${stack.urls.intake}${posted.location}`)).body;
  }
  const importedAt = Date.now();
  const totals = (job['totals'] ?? {}) as Record<string, number>;
  const created = Number(totals['created'] ?? 0);
  log(`  import ${String(job['status'])} after ${seconds(importedAt)} s: ${JSON.stringify(totals)}`);
  let counted = before;
  while ((counted = await dashboardCases(stack)) < before + created && Date.now() < deadline) await sleep(250);
  const countedAt = Date.now();
  log(`  dashboard counts ${counted - before} of ${created} after ${seconds(countedAt)} s`);
  return {
    rows,
    status: String(job['status']),
    created,
    duplicatesFlagged: Number(totals['duplicatesFlagged'] ?? 0),
    rejected: Number(totals['rejected'] ?? 0),
    secondsToAccepted: seconds(acceptedAt),
    secondsToImported: seconds(importedAt),
    secondsToDashboard: seconds(countedAt),
    complete: job['status'] === 'completed' && created === rows && counted >= before + created,
  };
}
