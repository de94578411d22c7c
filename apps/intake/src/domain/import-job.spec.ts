import { failImport, importTotals, newImportJob, recordChunk, startImport, type ImportJobRecord } from './import-job';

const NOW = new Date('2019-06-01T00:00:00Z');
const result = { created: 400, alreadyImported: 90, rejected: 1, duplicatesFlagged: 3 };

describe('import job', () => {
  it('splits the rows into chunks and counts the invalid ones as rejected from the start', () => {
    const job = newImportJob('iq-ru-2019', 'csv', 1_001, 10, NOW, 'worker-1');
    expect([job.status, job.chunkCount, job.chunkResults]).toEqual(['queued', 3, [null, null, null]]);
    expect(importTotals(job)).toEqual({ rows: 1_001, accepted: 991, rejected: 10, created: 0, alreadyImported: 0, duplicatesFlagged: 0, processed: 0 });
  });

  it('runs, adds each chunk once whatever the order, and completes with the last', () => {
    let job: ImportJobRecord = newImportJob('p', 'json', 1_000, 0, NOW, 'w');
    job = { ...job, ...startImport(job, NOW) };
    job = { ...job, ...recordChunk(job, 1, result, NOW) };
    job = { ...job, ...recordChunk(job, 1, result, NOW) };
    expect(job.status).toBe('running');
    job = { ...job, ...recordChunk(job, 0, result, NOW) };
    expect(job.status).toBe('completed');
    expect(importTotals(job)).toMatchObject({ accepted: 998, rejected: 2, created: 800, alreadyImported: 180, duplicatesFlagged: 6, processed: 982 });
  });

  it('refuses to start twice, to record a chunk unless running, and to fail once completed', () => {
    const queued = newImportJob('p', 'json', 10, 0, NOW, 'w');
    const running = { ...queued, ...startImport(queued, NOW) };
    expect(() => startImport(running, NOW)).toThrow(/running, not queued/);
    expect(() => recordChunk(queued, 0, result, NOW)).toThrow(/queued, not running/);
    const completed = { ...running, ...recordChunk(running, 0, result, NOW) };
    expect(() => failImport(completed, 'x', NOW)).toThrow(/completed/);
    expect(failImport(running, 'database gone', NOW)).toMatchObject({ status: 'failed', failure: 'database gone' });
  });
});
