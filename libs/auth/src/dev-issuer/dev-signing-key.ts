import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

export const DEV_ALGORITHM = 'ES256';

export interface DevSigningKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

/**
 * The development issuer's key pair, generated once per checkout and kept in
 * the run directory (`.run/dev-issuer/signing-key.json`, readable by its
 * owner only), so tokens minted by `npm run token` stay valid across
 * restarts of the stack. Never used outside development.
 */
export async function loadOrCreateDevSigningKey(runDir: string): Promise<DevSigningKey> {
  const dir = join(runDir, 'dev-issuer');
  const file = join(dir, 'signing-key.json');
  try {
    return toSigningKey(JSON.parse(readFileSync(file, 'utf8')) as JWK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = await generateKeyPair(DEV_ALGORITHM, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `homeward-dev-${Date.now().toString(36)}`, alg: DEV_ALGORITHM, use: 'sig' };
  mkdirSync(dir, { recursive: true });
  try {
    // `wx`: when two tools start at once, the first key written wins and both use it.
    writeFileSync(file, `${JSON.stringify(jwk)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return toSigningKey(JSON.parse(readFileSync(file, 'utf8')) as JWK);
  }
  return toSigningKey(jwk);
}

function toSigningKey(privateJwk: JWK): DevSigningKey {
  if (!privateJwk.kid || !privateJwk.d) throw new Error('dev issuer: the signing key file holds no private key with a kid');
  const { d: _d, ...publicJwk } = privateJwk;
  return { kid: privateJwk.kid, privateJwk, publicJwk };
}

export const importDevPrivateKey = (key: DevSigningKey) => importJWK(key.privateJwk, DEV_ALGORITHM);
