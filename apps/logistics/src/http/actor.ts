import type { Request } from 'express';
import { ValidationError } from '@homeward/errors';

export const ACTOR_HEADER = 'x-homeward-user';
export const ROLES_HEADER = 'x-homeward-roles';

export interface Actor {
  readonly userId: string;
  readonly roles: readonly string[];
}

/**
 * Who is acting. Authentication arrives with issue 6 (JWT); until then the
 * caller names itself in headers, and this is the one place that reads them,
 * so issue 6 swaps this function for the token's claims.
 */
export function actorOf(req: Request): Actor {
  const userId = req.get(ACTOR_HEADER)?.trim();
  if (!userId || userId.length > 100) {
    throw new ValidationError(`the ${ACTOR_HEADER} header must name the acting person`, [
      { field: `headers.${ACTOR_HEADER}`, message: 'required: the id of the person acting (1 to 100 characters)' },
    ]);
  }
  const roles = (req.get(ROLES_HEADER) ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  return { userId, roles };
}
