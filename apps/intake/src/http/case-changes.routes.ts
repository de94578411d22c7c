import { randomUUID } from 'node:crypto';
import { CaseUpdatedV1, CaseWithdrawnV2 } from '@homeward/contracts';
import { RuleViolationError } from '@homeward/errors';
import { requestIdOf, type ApiRouter } from '@homeward/http';
import type { ServiceContext } from '@homeward/runtime';
import { updateCaseDetails } from '../domain/case-changes';
import { withdrawCase } from '../domain/case-withdrawal';
import { CaseRepository } from '../store/case.repository';
import { findProgrammeDefinition } from '../store/programme.repository';
import { principalOf } from '@homeward/auth';
import { ifMatchVersion, readAt, sendWithEtag } from './case-preconditions';
import { CaseIdParams, CaseView, caseView, UpdateCaseRequest, WithdrawalRequest } from './case.schemas';
import type { IntakeAgency } from './intake-agency';

const tags = ['cases'];

/** Corrections and withdrawal of a case. */
export function caseChangeRoutes(api: ApiRouter, context: ServiceContext, agency: IntakeAgency): void {
  const cases = new CaseRepository(context.connection);

  api.patch(
    '/cases/:caseId',
    {
      permission: 'case:write', scope: agency.case, fields: 'case',
      summary: 'Correct the details of a case; needs If-Match with its ETag (428 without, 412 when stale).',
      tags,
      params: CaseIdParams,
      body: UpdateCaseRequest,
      responses: { 200: CaseView },
    },
    async ({ params, body }, req, res) => {
      const { userId } = principalOf(req);
      const expected = ifMatchVersion(req, true)!;
      const current = await readAt(cases, params.caseId, expected);
      const programme = await findProgrammeDefinition(context.connection, current.programmeId);
      const change = updateCaseDetails(params.caseId, current, body, programme, new Date(), userId);
      if (change instanceof RuleViolationError) throw change;
      const event = context.events(CaseUpdatedV1, change.event, { correlationid: requestIdOf(req) });
      const updated = await cases.store.update(params.caseId, expected, change.set, [event], 'case');
      context.published();
      sendWithEtag(res, 200, updated.version, caseView(updated));
    },
  );

  api.post(
    '/cases/:caseId/withdrawal',
    { permission: 'case:write', scope: agency.case, fields: 'case', summary: 'Withdraw a case from its programme (409 once the child has boarded or the case has ended).', tags, params: CaseIdParams, body: WithdrawalRequest, responses: { 200: CaseView } },
    async ({ params, body }, req, res) => {
      const { userId } = principalOf(req);
      const current = await readAt(cases, params.caseId, ifMatchVersion(req, false));
      const expected = current.version;
      const { set, event } = withdrawCase(params.caseId, current, body.reason, new Date(), userId, randomUUID());
      const pending = context.events(CaseWithdrawnV2, event, { correlationid: requestIdOf(req) });
      const updated = await cases.store.update(params.caseId, expected, set, [pending], 'case');
      context.published();
      sendWithEtag(res, 200, updated.version, caseView(updated));
    },
  );
}
