import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectResults } from './collect-results';

describe('collectResults', () => {
  it('adds up every jest report of the run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'results-'));
    const report = (passed: number, failed: number, pending = 0, broken = 0) =>
      JSON.stringify({ numPassedTests: passed, numFailedTests: failed, numPendingTests: pending, numTodoTests: 0, numRuntimeErrorTestSuites: broken });
    writeFileSync(join(dir, 'a-unit.json'), report(10, 0));
    writeFileSync(join(dir, 'b-integration.json'), report(4, 2, 1, 1));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    expect(collectResults(dir)).toEqual({ passed: 14, failed: 2, skipped: 1, brokenSuites: 1, reports: 2 });
  });

  it('reads a missing directory as no reports, which the caller treats as a failure to run', () => {
    expect(collectResults(join(tmpdir(), 'does-not-exist-results'))).toEqual({ passed: 0, failed: 0, skipped: 0, brokenSuites: 0, reports: 0 });
  });
});
