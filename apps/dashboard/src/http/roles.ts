import type { Request } from 'express';
import { isOperator, principalOf, type AgencyPolicy } from '@homeward/auth';

/** Who may read the reasons of holds (DESIGN: reasons are shown only to roles entitled to them). */
export const HOLD_REASON_ROLES: ReadonlySet<string> = new Set(['legal-officer', 'supervisor', 'admin']);

/** The roles of the verified bearer token. */
export function rolesOf(req: Request): readonly string[] {
  return principalOf(req).roles;
}

export const mayReadHoldReasons = (req: Request): boolean => rolesOf(req).some((role) => HOLD_REASON_ROLES.has(role));

/**
 * Who reads the holds panel: with reasons or not, and for which agency (`*`
 * for an operator agency, which sees every programme). A hold's case and
 * reason are shown only for programmes the reader's agency takes part in;
 * the counts by category are aggregates, shown to every reader.
 */
export interface HoldAudience {
  readonly reasons: boolean;
  readonly agency: string;
}

export const ALL_AGENCIES = '*';

export function holdAudience(req: Request, agencies: AgencyPolicy): HoldAudience {
  const principal = principalOf(req);
  return { reasons: mayReadHoldReasons(req), agency: isOperator(agencies, principal) ? ALL_AGENCIES : principal.agency };
}

export const audienceKey = (audience: HoldAudience): string => `${audience.reasons ? 'reasons' : 'counts'}|${audience.agency}`;
