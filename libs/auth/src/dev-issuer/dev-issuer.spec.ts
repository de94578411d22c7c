import { mkdtempSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@homeward/testing';
import { createTokenVerifier } from '../token-verifier';
import { createDevIssuerServer } from './dev-issuer.server';
import { loadOrCreateDevSigningKey } from './dev-signing-key';
import { mintDevToken } from './dev-token';

describe('the development issuer', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'homeward-dev-issuer-'));
  let server: Server;
  let issuer: string;
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    rmSync(runDir, { recursive: true, force: true });
  });

  it('keeps one key pair in the run directory, readable by its owner only', async () => {
    const first = await loadOrCreateDevSigningKey(runDir);
    const again = await loadOrCreateDevSigningKey(runDir);
    expect(again.kid).toBe(first.kid);
    expect(first.publicJwk).not.toHaveProperty('d');
    expect(statSync(join(runDir, 'dev-issuer', 'signing-key.json')).mode & 0o077).toBe(0);
  });

  it('mints tokens that a verifier trusts through OIDC discovery of the issuer', async () => {
    const key = await loadOrCreateDevSigningKey(runDir);
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    server = createDevIssuerServer(key, issuer);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const verifier = createTokenVerifier({ issuer, audience: 'homeward', algorithms: ['ES256'], clockToleranceSeconds: 0, usesDevelopmentIssuer: true });
    const token = await mintDevToken(key, { userId: 'case-worker-1', name: 'C', roles: ['case-worker'], agency: 'ru-ombudsperson' }, { issuer, audience: 'homeward' });
    await expect(verifier.verify(token)).resolves.toEqual({ userId: 'case-worker-1', roles: ['case-worker'], agency: 'ru-ombudsperson' });
    const otherAudience = await mintDevToken(key, { userId: 'x', name: 'X', roles: ['admin'], agency: 'a' }, { issuer, audience: 'elsewhere' });
    await expect(verifier.verify(otherAudience)).rejects.toMatchObject({ status: 401 });
  });
});
