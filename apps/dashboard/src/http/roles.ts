import type { Request } from 'express';
import { principalOf } from '@homeward/auth';

/** Who may read the reasons of holds (DESIGN: reasons are shown only to roles entitled to them). */
export const HOLD_REASON_ROLES: ReadonlySet<string> = new Set(['legal-officer', 'supervisor', 'admin']);

/** The roles of the verified bearer token. */
export function rolesOf(req: Request): readonly string[] {
  return principalOf(req).roles;
}

export const mayReadHoldReasons = (req: Request): boolean => rolesOf(req).some((role) => HOLD_REASON_ROLES.has(role));
