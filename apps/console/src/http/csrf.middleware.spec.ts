import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { csrfProtection } from './csrf.middleware';
import type { Session } from '../session/session.store';

describe('CSRF protection of state-changing calls', () => {
  let server: Server;
  let base: string;
  const session = { csrfToken: 'the-token' } as Session;

  beforeAll(async () => {
    const app = express();
    app.use(csrfProtection('http://127.0.0.1:3005', (req) => (req.get('x-test-session') ? session : undefined)));
    app.all('/api/x', (_req, res) => res.json({ ok: true }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const call = (method: string, headers: Record<string, string>) => fetch(`${base}/api/x`, { method, headers }).then((r) => r.status);

  it('lets reads through without a token', async () => {
    expect(await call('GET', { 'x-test-session': '1' })).toBe(200);
  });

  it('refuses a write of a signed-in person without the session token, with a wrong one, or from another origin', async () => {
    expect(await call('POST', { 'x-test-session': '1' })).toBe(403);
    expect(await call('POST', { 'x-test-session': '1', 'x-csrf-token': 'guessed' })).toBe(403);
    expect(await call('POST', { 'x-test-session': '1', 'x-csrf-token': 'the-token', origin: 'https://evil.example' })).toBe(403);
  });

  it('lets the console own writes through', async () => {
    expect(await call('POST', { 'x-test-session': '1', 'x-csrf-token': 'the-token', origin: 'http://127.0.0.1:3005' })).toBe(200);
    expect(await call('DELETE', { 'x-test-session': '1', 'x-csrf-token': 'the-token' })).toBe(200);
  });
});
