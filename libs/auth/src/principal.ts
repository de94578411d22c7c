import type { Request } from 'express';
import { UnauthorizedError } from '@homeward/errors';
import type { Role } from './roles';

/** Who calls, as the verified bearer token says: subject, roles and agency. */
export interface Principal {
  /** The token's `sub`. */
  readonly userId: string;
  readonly roles: readonly Role[];
  /** The agency the person works for (the token's `agency` claim). */
  readonly agency: string;
}

const principals = new WeakMap<Request, Principal>();

/** Set by the authentication middleware once the token verified. */
export function attachPrincipal(req: Request, principal: Principal): void {
  principals.set(req, principal);
}

/**
 * The caller of an authenticated route. Every route behind the
 * authentication middleware has one; a public route asking for it is a bug,
 * answered with 401 rather than trusted.
 */
export function principalOf(req: Request): Principal {
  const principal = principals.get(req);
  if (!principal) throw new UnauthorizedError('This route requires a bearer token.', BEARER_CHALLENGE);
  return principal;
}

export function maybePrincipalOf(req: Request): Principal | undefined {
  return principals.get(req);
}

export const BEARER_REALM = 'homeward';
export const BEARER_CHALLENGE = `Bearer realm="${BEARER_REALM}"`;
