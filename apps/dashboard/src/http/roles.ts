import type { Request } from 'express';

/**
 * Roles of the person asking, until authentication lands: the
 * `x-homeward-roles` header (a development placeholder, README "APIs").
 * Swapping this for the bearer token's claims is the whole change.
 */
export const ROLES_HEADER = 'x-homeward-roles';

/** Who may read the reasons of holds (DESIGN: reasons are shown only to roles entitled to them). */
export const HOLD_REASON_ROLES: ReadonlySet<string> = new Set(['legal-officer', 'supervisor', 'admin']);

export function rolesOf(req: Request): string[] {
  return (req.get(ROLES_HEADER) ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role.length > 0);
}

export const mayReadHoldReasons = (req: Request): boolean => rolesOf(req).some((role) => HOLD_REASON_ROLES.has(role));
