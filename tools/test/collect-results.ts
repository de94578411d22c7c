import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface JestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numRuntimeErrorTestSuites: number;
}

export interface TestTotals {
  passed: number;
  failed: number;
  skipped: number;
  brokenSuites: number;
  reports: number;
}

/** Adds up the jest JSON reports every project's test and integration targets wrote. */
export function collectResults(dir: string): TestTotals {
  const totals: TestTotals = { passed: 0, failed: 0, skipped: 0, brokenSuites: 0, reports: 0 };
  if (!existsSync(dir)) return totals;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(join(dir, file), 'utf8')) as JestJson;
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    totals.brokenSuites += report.numRuntimeErrorTestSuites;
    totals.reports++;
  }
  return totals;
}
