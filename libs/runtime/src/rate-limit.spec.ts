import type { Server } from 'node:http';
import { authenticationMiddleware, createTokenVerifier } from '@homeward/auth';
import { createHttpApp } from '@homeward/http';
import { createLogger } from '@homeward/telemetry';
import { actingAs, testAuthEnv } from '@homeward/testing';
import { perCallerRateLimit } from './rate-limit';
import { loadServiceConfig } from './service-env';

describe('per-caller rate limit', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const config = loadServiceConfig('limit-test', 0, testAuthEnv());
    expect(config.RATE_LIMIT_PER_MINUTE).toBe(1200);
    const app = createHttpApp({
      serviceName: 'limit-test',
      logger: createLogger('limit-test', 'silent'),
      readiness: [],
      authenticate: authenticationMiddleware(createTokenVerifier(config.auth)),
      afterAuthentication: [perCallerRateLimit(3)],
      configure: (app) => app.get('/ping', (_req, res) => void res.json({ ok: true })),
    });
    await new Promise<void>((resolve) => {
      server = app.listen(0, '127.0.0.1', () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('answers 429 problem+json with Retry-After once one subject exceeds the limit, and only to that subject', async () => {
    const busy = actingAs('busy-1', ['case-worker']);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await fetch(`${base}/ping`, { headers: busy })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await fetch(`${base}/ping`, { headers: busy });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(await refused.json()).toMatchObject({ type: 'https://homeward.example/problems/too-many-requests', status: 429 });
    // Another person is not slowed down by the first, even with a fresh token each call.
    expect((await fetch(`${base}/ping`, { headers: actingAs('calm-1', ['case-worker']) })).status).toBe(200);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  });
});
