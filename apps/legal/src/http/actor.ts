import type { Request } from 'express';
import { ValidationError } from '@homeward/errors';
import type { Actor } from '../domain/legal-file.state';

/**
 * Who acts, until issue 6 brings authentication: the person's id and roles
 * come from two headers. Swapping this file for the bearer token's claims is
 * the whole change.
 */
export const USER_HEADER = 'x-homeward-user';
export const ROLES_HEADER = 'x-homeward-roles';

export function rolesOf(req: Request): string[] {
  return (req.get(ROLES_HEADER) ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role.length > 0);
}

/** The acting person of a command that records who; 400 naming the header when absent. */
export function actorOf(req: Request): Actor {
  const userId = req.get(USER_HEADER)?.trim() ?? '';
  if (userId.length === 0 || userId.length > 100) {
    throw new ValidationError('The request is invalid.', [
      { field: `headers.${USER_HEADER}`, message: 'Required: the id (1–100 characters) of the person acting.' },
    ]);
  }
  return { userId, roles: rolesOf(req) };
}
