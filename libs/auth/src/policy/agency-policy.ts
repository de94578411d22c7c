import { z } from 'zod';
import type { Principal } from '../principal';

/**
 * Who may act on which objects, by agency (DESIGN.md "Privacy and security":
 * authorised by role and agency, per object). Roles say what a person may do
 * (GRANTS, FIELD_POLICY); the agency says on which objects:
 *
 * - every case-scoped object (a case, its legal file, a movement, a delivery
 *   record…) belongs to a programme, and a programme lists the agencies that
 *   participate in it (intake owns the list; the other services learn it from
 *   `programme.created.v1`);
 * - a caller of a participating agency may act on the programme's objects;
 *   any other caller is answered as if the object did not exist (404) and sees
 *   only participating programmes' objects in lists;
 * - the operator agencies run the system and see every programme; the audit
 *   agencies read every service's audit trail (an auditor of another agency
 *   reads the records of their own agency's people only).
 *
 * A programme whose list is absent was created before participation existed
 * (its event has no list): it fails closed, open to the operators only, until
 * intake's one-time repair gives it its creator's agency
 * (`programme.participants-changed.v1`). Intake always records a list for a
 * new programme, so no programme is open to every agency.
 */
export interface AgencyPolicy {
  /** Agencies that see every programme (HOMEWARD_OPERATOR_AGENCIES). */
  readonly operators: readonly string[];
  /** Agencies whose auditors read the whole audit trail (HOMEWARD_AUDIT_AGENCIES). */
  readonly auditors: readonly string[];
  /** The participants of a programme created without a list (HOMEWARD_PROGRAMME_AGENCIES); empty: the creator's agency. */
  readonly programmeDefaults: readonly string[];
}

const agencyList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s) => s.split(',').map((a) => a.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'agency ids are lower-case slugs, comma-separated')));

export const DEFAULT_OPERATOR_AGENCIES = ['homeward-operations'] as const;
export const DEFAULT_AUDIT_AGENCIES = ['homeward-data-protection'] as const;

/** The environment of the agency rule (each variable names itself in a config error). */
export const agencyEnv = {
  HOMEWARD_OPERATOR_AGENCIES: agencyList(DEFAULT_OPERATOR_AGENCIES.join(',')).describe('Agencies that see every programme (comma-separated).'),
  HOMEWARD_AUDIT_AGENCIES: agencyList(DEFAULT_AUDIT_AGENCIES.join(',')).describe("Agencies whose auditors read every record of the audit trail (comma-separated)."),
  HOMEWARD_PROGRAMME_AGENCIES: agencyList('').describe("The participants of a programme created without a list (comma-separated); unset: the creator's agency alone."),
};

export function agencyPolicyOf(env: { HOMEWARD_OPERATOR_AGENCIES: string[]; HOMEWARD_AUDIT_AGENCIES: string[]; HOMEWARD_PROGRAMME_AGENCIES: string[] }): AgencyPolicy {
  return { operators: env.HOMEWARD_OPERATOR_AGENCIES, auditors: env.HOMEWARD_AUDIT_AGENCIES, programmeDefaults: env.HOMEWARD_PROGRAMME_AGENCIES };
}

export const DEFAULT_AGENCY_POLICY: AgencyPolicy = { operators: DEFAULT_OPERATOR_AGENCIES, auditors: DEFAULT_AUDIT_AGENCIES, programmeDefaults: [] };

/** The agencies listed on a programme; `undefined` for a programme from before participation lists (operators only). */
export type Participants = readonly string[] | undefined;

/** Whether the caller's agency sees every programme. */
export const isOperator = (policy: AgencyPolicy, principal: Pick<Principal, 'agency'>): boolean => policy.operators.includes(principal.agency);

/** Whether the caller may act on the objects of a programme with these participants. */
export function participates(policy: AgencyPolicy, principal: Pick<Principal, 'agency'>, participants: Participants): boolean {
  if (isOperator(policy, principal)) return true;
  // No list: fail closed (operators only) rather than open to every agency.
  if (participants === undefined) return false;
  return participants.includes(principal.agency);
}

/** Whether the caller reads the whole audit trail, or only the records of their own agency's people. */
export const readsWholeAuditTrail = (policy: AgencyPolicy, principal: Pick<Principal, 'agency'>): boolean =>
  policy.auditors.includes(principal.agency) || isOperator(policy, principal);

/**
 * The participants a new programme gets: the list its creator named, or the
 * deployment's default list (HOMEWARD_PROGRAMME_AGENCIES), or else the
 * creator's own agency (a programme nobody else may see until it names them
 * is the safe default; operators see it anyway).
 */
export function participantsOfNewProgramme(policy: AgencyPolicy, creator: Pick<Principal, 'agency'>, named: readonly string[] | undefined): string[] {
  const chosen = named ?? (policy.programmeDefaults.length > 0 ? policy.programmeDefaults : [creator.agency]);
  return [...new Set(chosen)].sort();
}

/**
 * The participants intake's one-time repair gives a programme from before
 * the lists: its creator's agency, as the audit trail recorded it on the
 * creating call, or none (operators only) when the trail does not tell.
 */
export function participantsOfListlessProgramme(creatorAgency: string | undefined): string[] {
  return creatorAgency ? [creatorAgency] : [];
}
