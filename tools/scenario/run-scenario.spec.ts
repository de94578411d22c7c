import { runSeedScenario } from './run-scenario';

describe('runSeedScenario', () => {
  it('stops before sending anything when a service is not ready, and says which', async () => {
    const nowhere = 'http://127.0.0.1:1';
    const summary = await runSeedScenario({
      urls: { intake: nowhere, legal: nowhere, logistics: nowhere, notification: nowhere, mailpit: nowhere },
      runId: 'ready1',
      accessToken: () => 'unused',
      timeouts: { readyMs: 200 },
    });
    expect(summary.ok).toBe(false);
    expect(summary.groups).toEqual([]);
    expect(summary.problems).toHaveLength(4);
    expect(summary.problems[0]).toMatch(/^intake is not ready: intake ready: not reached/);
  });

  it('refuses a run id that would not fit an e-mail address', async () => {
    const url = 'http://127.0.0.1:1';
    await expect(
      runSeedScenario({ urls: { intake: url, legal: url, logistics: url, notification: url, mailpit: url }, runId: 'Not OK!', accessToken: () => 'unused' }),
    ).rejects.toThrow(RangeError);
  });
});
