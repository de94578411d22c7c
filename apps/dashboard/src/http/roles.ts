import type { Request } from 'express';
import { isOperator, principalOf, type AgencyPolicy } from '@homeward/auth';
import { EVERY_AGENCY, type Reader } from '../store/dashboard.queries';

/** Who may read the reasons of holds (DESIGN: reasons are shown only to roles entitled to them). */
export const HOLD_REASON_ROLES: ReadonlySet<string> = new Set(['legal-officer', 'supervisor', 'admin']);

/** The roles of the verified bearer token. */
export function rolesOf(req: Request): readonly string[] {
  return principalOf(req).roles;
}

export const mayReadHoldReasons = (req: Request): boolean => rolesOf(req).some((role) => HOLD_REASON_ROLES.has(role));

/**
 * Who reads the panels: with the holds' reasons or not, and for which agency
 * (`*` for an operator agency, which sees every programme). Every panel and
 * the live stream show only the programmes the reader's agency takes part in.
 */
export function readerOf(req: Request, agencies: AgencyPolicy): Reader {
  const principal = principalOf(req);
  return { reasons: mayReadHoldReasons(req), agency: isOperator(agencies, principal) ? EVERY_AGENCY : principal.agency };
}

/** Readers with the same key see the same page: the live stream reads it once for all of them. */
export const readerKey = (reader: Reader): string => `${reader.reasons ? 'reasons' : 'counts'}|${reader.agency}`;
