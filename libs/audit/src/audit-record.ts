import { createHash } from 'node:crypto';

/** What was done with personal data: read it, changed it, was refused (403), or was not even authenticated (401). */
export type AuditAction = 'read' | 'write' | 'denied' | 'unauthenticated';

/** One access to personal data, as the chain stores it. */
export interface AuditEntry {
  /** Who: the token's subject, roles and agency (for a 401: `unauthenticated`, no role, agency `unknown`). */
  readonly actor: { readonly userId: string; readonly roles: readonly string[]; readonly agency: string };
  readonly action: AuditAction;
  /** The operation: method and route pattern (`POST /cases/:caseId/siblings`), never the query string. */
  readonly operation: string;
  /** The permission the route declares. */
  readonly permission: string;
  readonly caseId?: string;
  /** Names (never values) of the personal fields read or written; empty for a refusal. */
  readonly fields: readonly string[];
  /**
   * Why a request was refused, without personal data: for a 403 or an agency's
   * 404 the permission not held or the agency not participating; for a 401 the
   * challenge's description (never the token).
   */
  readonly reason?: string;
  /** Why, as the caller stated it (`x-homeward-purpose`). */
  readonly purpose?: string;
  readonly status: number;
  readonly requestId: string;
  /** The issuer an unverified token claims (401), the one part of a refused token worth keeping. */
  readonly claimedIssuer?: string;
  /** UTC, ISO 8601. */
  readonly at: string;
}

export interface AuditRecord extends AuditEntry {
  /** Position in the chain, from 1; also the document's `_id`, so two writers cannot take the same one. */
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 over the record's canonical JSON (keys sorted), `hash` excluded. */
export function hashOf(record: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
