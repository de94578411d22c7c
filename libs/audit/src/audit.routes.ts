import { z } from 'zod';
import { DEFAULT_AGENCY_POLICY, Permission, principalOf, readsWholeAuditTrail, type AgencyPolicy } from '@homeward/auth';
import type { ApiRouter } from '@homeward/http';
import type { AuditTrail } from './audit-trail';

const AuditQuery = z
  .object({
    caseId: z.string().min(1).max(100).optional().describe('Records about this case.'),
    actor: z.string().min(1).max(100).optional().describe('Records of this person (token subject).'),
    from: z.iso.datetime({ offset: true }).optional().describe('From this instant (inclusive, ISO 8601).'),
    to: z.iso.datetime({ offset: true }).optional().describe('Until this instant (inclusive, ISO 8601).'),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
  })
  .strict();

const AuditRecordView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.object({ userId: z.string(), roles: z.array(z.string()), agency: z.string() }),
  action: z.enum(['read', 'write', 'denied', 'unauthenticated']),
  operation: z.string(),
  permission: z.string(),
  caseId: z.string().optional(),
  fields: z.array(z.string()),
  reason: z.string().optional().describe('Why a request was refused (401, 403, or an agency not participating), without personal data.'),
  purpose: z.string().optional(),
  status: z.number().int(),
  requestId: z.string(),
  claimedIssuer: z.string().optional().describe('The issuer a refused token claimed, unverified.'),
  prevHash: z.string(),
  hash: z.string(),
});

const Verification = z.object({
  valid: z.boolean(),
  records: z.number().int(),
  firstBreak: z.object({ seq: z.number().int(), problem: z.enum(['edited', 'missing-before', 'unlinked']) }).optional(),
  lastHash: z.string(),
});

/**
 * The auditor's API of one service: query its audit trail and verify the
 * chain. An auditor of the audit agencies (or an operator) reads every
 * record; an auditor of another agency reads the records of their own
 * agency's people.
 */
export function auditRoutes(api: ApiRouter, trail: AuditTrail, agencies: AgencyPolicy = DEFAULT_AGENCY_POLICY): void {
  const tags = ['audit'];
  api.get(
    '/audit',
    { summary: "Audit records of this service, oldest first (auditor role; an auditor outside the audit agencies reads their own agency's records).", tags, permission: Permission.AuditRead, query: AuditQuery, responses: { 200: z.object({ items: z.array(AuditRecordView) }) } },
    async ({ query }, req, res) => {
      const principal = principalOf(req);
      const items = await trail.query({
        ...(readsWholeAuditTrail(agencies, principal) ? {} : { actorAgency: principal.agency }),
        ...(query.caseId ? { caseId: query.caseId } : {}),
        ...(query.actor ? { actor: query.actor } : {}),
        ...(query.from ? { from: new Date(query.from) } : {}),
        ...(query.to ? { to: new Date(query.to) } : {}),
        limit: query.limit,
      });
      res.json({ items });
    },
  );
  api.get(
    '/audit/verification',
    { summary: 'Recomputes the hash chain: valid, or the first record edited or missing (auditor role).', tags, permission: Permission.AuditRead, responses: { 200: Verification } },
    async (_input, _req, res) => void res.json(await trail.verify()),
  );
}
