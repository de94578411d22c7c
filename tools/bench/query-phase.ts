import { sleep } from '../scenario/retry';
import { benchChild } from './bench-children';
import type { BenchStack } from './bench-stack';
import { dashboardCases, importPhase } from './import-phase';
import { percentiles, type Percentiles } from './percentiles';

export interface QueryResult {
  readonly casesInDatabase: number;
  readonly dashboardCounted: number;
  readonly fillSeconds: number;
  readonly panels: Record<string, Percentiles>;
  readonly searches: Record<string, Percentiles>;
  /** A search by a child's family name, in each script, found the child. */
  readonly searchFinds: boolean;
  readonly failures: number;
}

const IMPORT_CHUNK = 20_000;

/**
 * Fills intake (and through its events the dashboard) to `target` cases by
 * imports, waits (until the deadline) for the dashboard to count them, then times each dashboard panel and intake's name search in
 * Latin and Cyrillic `runs` times each, one request at a time, through the APIs.
 */
export async function queryPhase(stack: BenchStack, tag: string, first: number, registeredSoFar: number, target: number, runs: number, deadlineMs: number, log: (line: string) => void): Promise<QueryResult> {
  const started = Date.now();
  let have = registeredSoFar;
  let next = first;
  while (have < target && Date.now() - started < deadlineMs) {
    const rows = Math.min(IMPORT_CHUNK, target - have);
    const result = await importPhase(stack, tag, next, rows, deadlineMs - (Date.now() - started), log);
    have += result.created;
    next += rows;
    if (result.created === 0) break;
  }
  let counted = 0;
  while ((counted = await dashboardCases(stack)) < have && Date.now() - started < deadlineMs) await sleep(1_000);
  const fillSeconds = Math.round((Date.now() - started) / 100) / 10;
  log(`  ${have} cases in intake, ${counted} counted on the dashboard, after ${fillSeconds} s`);

  let failures = 0;
  const time = async (url: string) => {
    const sent = performance.now();
    const answer = await stack.request('GET', url).catch(() => undefined);
    if (answer?.status !== 200) failures++;
    return performance.now() - sent;
  };
  const measure = async (urls: () => string) => {
    for (let i = 0; i < 5; i++) await time(urls());
    const sample: number[] = [];
    for (let i = 0; i < runs; i++) sample.push(await time(urls()));
    return percentiles(sample);
  };
  const dashboard = stack.urls.dashboard;
  const panels = {
    summary: await measure(() => `${dashboard}/api/summary`),
    movements: await measure(() => `${dashboard}/api/movements`),
    holds: await measure(() => `${dashboard}/api/holds`),
    'all panels (/api/dashboard)': await measure(() => `${dashboard}/api/dashboard`),
  };
  // A child of the fill, drawn anew for every search, by a name in each script.
  const child = () => benchChild(tag, first + Math.floor(Math.random() * Math.max(1, next - first)))['names'] as { given: string; family: string }[];
  const search = (name: string) => `${stack.urls.intake}/cases?${new URLSearchParams({ name, limit: '20' })}`;
  const searches = {
    'latin family name': await measure(() => search(child()[0]!.family)),
    'cyrillic family name': await measure(() => search(child()[1]!.family)),
    'latin given and family': await measure(() => {
      const [latin] = child();
      return search(`${latin!.given} ${latin!.family}`);
    }),
  };
  // The timings mean something only if the search finds the child, in either script.
  const names = child();
  const found = await Promise.all(names.map(async (n) => ((await stack.request('GET', search(n.family))).body['items'] as unknown[] | undefined)?.length ?? 0));
  return { casesInDatabase: have, dashboardCounted: counted, fillSeconds, panels, searches, searchFinds: found.every((n) => n > 0), failures };
}
