import { CaseClearedV1, CaseRejectedV2, ClearanceRequestedV1 } from '@homeward/contracts';
import type { ApiRouter } from '@homeward/http';
import { approveClearance, rejectCase, requestClearance } from '../domain/clearance.transitions';
import type { LegalFileCommands } from './legal-file.command';
import { CaseIdParams, RejectionRequest } from './legal-file.requests';
import { forbiddenResponse, LegalFileResponse } from './legal-file.responses';

export function clearanceRoutes(api: ApiRouter, { run, send, scope }: LegalFileCommands): void {
  api.post(
    '/legal-files/:caseId/clearance-request',
    {
      permission: 'legal-file:write',
      scope,
      summary: 'First of four eyes: a legal-officer asks for clearance once every requirement is satisfied and no hold is active. Publishes clearance.requested.v1.',
      params: CaseIdParams,
      responses: { 200: LegalFileResponse, 403: forbiddenResponse },
    },
    async ({ params }, req, res) => {
      const { actor, saved } = await run(req, params.caseId, ClearanceRequestedV1, requestClearance);
      send(res, saved, actor.roles);
    },
  );

  api.post(
    '/legal-files/:caseId/clearance-approval',
    {
      permission: 'clearance:approve',
      scope,
      summary: 'Second of four eyes: a supervisor other than the requester approves (the same person: 403). Publishes case.cleared.v1 with both approvers.',
      params: CaseIdParams,
      responses: { 200: LegalFileResponse, 403: forbiddenResponse },
    },
    async ({ params }, req, res) => {
      const { actor, saved } = await run(req, params.caseId, CaseClearedV1, approveClearance);
      send(res, saved, actor.roles);
    },
  );

  api.post(
    '/legal-files/:caseId/rejection',
    {
      permission: 'legal-file:write',
      scope,
      summary: 'Reject the case on a refused requirement; terminal. Publishes case.rejected.v2 (the reason sealed in its personal part).',
      params: CaseIdParams,
      body: RejectionRequest,
      responses: { 200: LegalFileResponse },
    },
    async ({ params, body }, req, res) => {
      const { actor, saved } = await run(req, params.caseId, CaseRejectedV2, (file, actor, now) => rejectCase(file, body, actor, now));
      send(res, saved, actor.roles);
    },
  );
}
