import { createServer, type Server } from 'node:http';
import { DEV_ALGORITHM, type DevSigningKey } from './dev-signing-key';

/**
 * The development OIDC issuer: only what a verifier needs, the discovery
 * document and the public key set. Tokens are minted by `npm run token`
 * with the same key; there is no login.
 */
export function createDevIssuerServer(key: DevSigningKey, issuer: string): Server {
  const discovery = {
    issuer,
    jwks_uri: `${issuer}/jwks.json`,
    id_token_signing_alg_values_supported: [DEV_ALGORITHM],
    subject_types_supported: ['public'],
    response_types_supported: ['id_token'],
    claims_supported: ['sub', 'roles', 'agency', 'name'],
  };
  const jwks = { keys: [{ ...key.publicJwk, alg: DEV_ALGORITHM, use: 'sig' }] };
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const body = req.method !== 'GET' ? undefined : path === '/.well-known/openid-configuration' ? discovery : path === '/jwks.json' ? jwks : undefined;
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', 'no-store');
    res.statusCode = body ? 200 : 404;
    res.end(JSON.stringify(body ?? { error: 'not found' }));
  });
}
