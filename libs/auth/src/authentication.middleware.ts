import type { RequestHandler } from 'express';
import { UnauthorizedError } from '@homeward/errors';
import { attachPrincipal, BEARER_CHALLENGE, BEARER_REALM } from './principal';
import type { TokenVerifier } from './token-verifier';

const BEARER = /^Bearer +([A-Za-z0-9\-_.~+/]+=*) *$/i;

/**
 * Default deny: every request that reaches it must carry a valid bearer
 * token, or it ends in a 401 problem with a `WWW-Authenticate` challenge.
 * Only what is mounted before it (health probes, a route the service
 * declares public) is reachable without one.
 */
export function authenticationMiddleware(verifier: TokenVerifier): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization');
    if (!header) throw new UnauthorizedError('This request requires a bearer token (Authorization: Bearer <JWT>).', BEARER_CHALLENGE);
    const match = BEARER.exec(header);
    if (!match) {
      throw new UnauthorizedError(
        'The Authorization header must be "Bearer <JWT>".',
        `Bearer realm="${BEARER_REALM}", error="invalid_request", error_description="expected the Bearer scheme"`,
      );
    }
    attachPrincipal(req, await verifier.verify(match[1]!));
    next();
  };
}
