import type { Request } from 'express';
import { ValidationError } from '@homeward/errors';

export const ACTOR_HEADER = 'x-homeward-user';
export const ROLES_HEADER = 'x-homeward-roles';

/** Who is acting. */
export interface Actor {
  readonly userId: string;
  readonly roles: readonly string[];
}

/**
 * The acting person, until authentication exists (issue 6 replaces this one
 * function with the verified JWT's subject and roles). Every command that
 * records who did it requires it.
 */
export function actorOf(req: Request): Actor {
  const userId = req.get(ACTOR_HEADER)?.trim();
  if (!userId || userId.length > 100) {
    throw new ValidationError(`The ${ACTOR_HEADER} header names who acts; it is required for this command.`, [
      { field: `headers.${ACTOR_HEADER}`, message: 'required: the id of the acting person (1–100 characters)' },
    ]);
  }
  const roles = (req.get(ROLES_HEADER) ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  return { userId, roles };
}
