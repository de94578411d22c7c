import { z } from 'zod';
import { CaseId, Timestamp } from '@homeward/contracts';
import { principalOf } from '@homeward/auth';
import { requestIdOf, type ApiRouter } from '@homeward/http';
import type { ServiceContext } from '@homeward/runtime';
import { approveErasure, requestErasure } from '../domain/case-erasure';
import { eraseCase } from '../store/case-erasure.writer';
import { CaseRepository } from '../store/case.repository';
import { sendWithEtag } from './case-preconditions';
import { CaseIdParams } from './case.schemas';
import type { IntakeAgency } from './intake-agency';

const tags = ['erasure'];

export const ErasureRequest = z
  .object({ reason: z.string().trim().min(1).max(1000).describe('Why the child’s data must be erased (legal basis, request reference).') })
  .strict();

export const ErasureView = z.object({
  caseId: CaseId,
  status: z.enum(['requested', 'erased']).describe('Waiting for a second admin, or done.'),
  basis: z.enum(['request', 'retention']),
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: Timestamp,
  approvedBy: z.string().optional(),
  erasedAt: Timestamp.optional(),
});

const erasureView = (caseId: string, erasure: NonNullable<Awaited<ReturnType<CaseRepository['find']>>>['erasure']) => ({
  caseId,
  status: erasure?.erasedAt ? 'erased' : 'requested',
  ...erasure,
});

/**
 * Erasure of a child's personal data (crypto-shredding), four eyes: one
 * admin asks, with a reason; a second, different admin approves, which
 * deletes the child's data key and publishes `case.erased.v1`.
 */
export function caseErasureRoutes(api: ApiRouter, context: ServiceContext, agency: IntakeAgency): void {
  const cases = new CaseRepository(context.connection);

  api.post(
    '/cases/:caseId/erasure',
    { permission: 'case:erase', scope: agency.case, summary: 'Ask for the erasure of a case (admin, with a reason); a second admin must approve it.', tags, params: CaseIdParams, body: ErasureRequest, responses: { 202: ErasureView } },
    async ({ params, body }, req, res) => {
      const { userId, roles } = principalOf(req);
      const current = await cases.store.get(params.caseId, 'case');
      const set = requestErasure(params.caseId, current, body.reason, new Date(), userId, roles);
      const updated = await cases.store.update(params.caseId, current.version, set, [], 'case');
      sendWithEtag(res, 202, updated.version, erasureView(params.caseId, updated.erasure));
    },
  );

  api.post(
    '/cases/:caseId/erasure/approval',
    {
      permission: 'case:erase', scope: agency.case,
      summary: "Approve a pending erasure (admin, not the one who asked): deletes the child's data key; every copy becomes unreadable.",
      tags,
      params: CaseIdParams,
      responses: { 200: ErasureView },
    },
    async ({ params }, req, res) => {
      const { userId, roles } = principalOf(req);
      const updated = await eraseCase(context, cases, params.caseId, (current) => approveErasure(params.caseId, current, new Date(), userId, roles), requestIdOf(req));
      sendWithEtag(res, 200, updated.version, erasureView(params.caseId, updated.erasure));
    },
  );
}
