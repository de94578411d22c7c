import type { Server } from 'node:http';
import { authenticationMiddleware, createTokenVerifier, principalOf } from '@homeward/auth';
import { createHttpApp } from '@homeward/http';
import { createLogger } from '@homeward/telemetry';
import { actingAs, TEST_ISSUER, testAuthEnv, testToken } from '@homeward/testing';
import { loadServiceConfig } from './service-env';

/**
 * Every refused token ends the same way: 401 problem+json with a
 * WWW-Authenticate challenge, the route never runs. Through the real stack
 * of a service (createHttpApp with the runtime's verifier) on a real port.
 */
describe('authentication of every route', () => {
  let server: Server;
  let base: string;
  let calls = 0;

  beforeAll(async () => {
    const config = loadServiceConfig('auth-test', 0, { ...testAuthEnv() });
    const app = createHttpApp({
      serviceName: 'auth-test',
      logger: createLogger('auth-test', 'silent'),
      readiness: [],
      authenticate: authenticationMiddleware(createTokenVerifier(config.auth)),
      configurePublic: (app) => app.get('/public/unsubscribe', (_req, res) => void res.json({ public: true })),
      configure: (app) =>
        app.get('/whoami', (req, res) => {
          calls += 1;
          res.json(principalOf(req));
        }),
    });
    await new Promise<void>((resolve) => {
      server = app.listen(0, '127.0.0.1', () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('takes a valid token and gives the route its subject, roles and agency', async () => {
    const res = await fetch(`${base}/whoami`, { headers: actingAs('legal-officer-1', ['legal-officer', 'not-a-role'], 'ru-ombudsperson') });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ userId: 'legal-officer-1', roles: ['legal-officer'], agency: 'ru-ombudsperson' });
  });

  it('leaves the health probes and a declared public route open', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/public/unsubscribe`)).status).toBe(200);
  });

  const now = Math.floor(Date.now() / 1000);
  const [header, payload] = testToken({ sub: 'x' }).split('.');
  const refusals: Array<[string, Record<string, string>, RegExp]> = [
    ['no token', {}, /^Bearer realm="homeward"$/],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }, /error="invalid_request"/],
    ['an expired token', { authorization: `Bearer ${testToken({ sub: 'x', exp: now - 3600 })}` }, /error="invalid_token".*expired/],
    ['a wrong audience', { authorization: `Bearer ${testToken({ sub: 'x', aud: 'another-system' })}` }, /error="invalid_token".*aud claim/],
    ['a wrong issuer', { authorization: `Bearer ${testToken({ sub: 'x', iss: 'https://evil.example' })}` }, /error="invalid_token".*iss claim/],
    ['a bad signature', { authorization: `Bearer ${header}.${payload}.${testToken({ sub: 'y' }).split('.')[2]}` }, /error="invalid_token".*signature/],
    ['alg none', { authorization: `Bearer ${testToken({ sub: 'x' }, { alg: 'none' })}` }, /error="invalid_token"/],
    ['alg HS256', { authorization: `Bearer ${testToken({ sub: 'x' }, { alg: 'HS256' })}` }, /error="invalid_token".*algorithm/],
    ['no agency', { authorization: `Bearer ${testToken({ sub: 'x', agency: '' })}` }, /error="invalid_token".*agency/],
    ['garbage', { authorization: 'Bearer abc.def.ghi' }, /error="invalid_token"/],
  ];

  it.each(refusals)('refuses %s with a 401 problem and a challenge, without running the route', async (_what, headers, challenge) => {
    const before = calls;
    const res = await fetch(`${base}/whoami`, { headers });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toMatch(challenge);
    expect(await res.json()).toMatchObject({ type: 'https://homeward.example/problems/unauthorized', status: 401 });
    expect(calls).toBe(before);
  });

  it('answers 401 rather than 404 for a path that does not exist (nothing is learnt without a token)', async () => {
    expect((await fetch(`${base}/no-such-route`)).status).toBe(401);
  });

  it('trusts only the configured issuer', () => {
    expect(TEST_ISSUER).toBe(loadServiceConfig('auth-test', 0, testAuthEnv()).auth.issuer);
  });
});
