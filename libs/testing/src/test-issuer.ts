import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';

/**
 * The issuer every test trusts: a key pair made once per test file (per
 * jest worker module registry), whose public half reaches the services
 * under test through `testAuthEnv()` as a static key set. Tokens are signed
 * synchronously with node:crypto so that `actingAs()` stays a plain function.
 */
export const TEST_ISSUER = 'https://issuer.test.homeward.invalid';
export const TEST_AUDIENCE = 'homeward';
export const TEST_AGENCY = 'test-agency';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const kid = `test-${randomUUID()}`;
const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' };

/** The variables that make a service trust the test issuer (merge into its env). */
export function testAuthEnv(): Record<string, string> {
  return { OIDC_ISSUER: TEST_ISSUER, OIDC_AUDIENCE: TEST_AUDIENCE, OIDC_JWKS: JSON.stringify({ keys: [publicJwk] }), OIDC_ALGORITHMS: 'ES256' };
}

export interface TestTokenClaims {
  readonly sub: string;
  readonly roles?: readonly string[];
  readonly agency?: string;
  readonly iss?: string;
  readonly aud?: string;
  /** Seconds since the epoch; one hour from now by default. */
  readonly exp?: number;
  readonly [claim: string]: unknown;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A token of the test issuer: ES256 with its key unless the header says otherwise (for tests of refusals). */
export function testToken(claims: TestTokenClaims, header: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: TEST_ISSUER, aud: TEST_AUDIENCE, iat: now, exp: now + 3600, agency: TEST_AGENCY, roles: [], ...claims };
  const protectedHeader = { alg: 'ES256', typ: 'JWT', kid, ...header };
  const signingInput = `${base64url(JSON.stringify(protectedHeader))}.${base64url(JSON.stringify(payload))}`;
  if (protectedHeader.alg === 'none') return `${signingInput}.`;
  const signature = sign('sha256', Buffer.from(signingInput), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${base64url(signature)}`;
}
