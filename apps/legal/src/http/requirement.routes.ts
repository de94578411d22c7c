import { randomUUID } from 'node:crypto';
import { RequirementDecidedV2, RequirementEvidenceAttachedV1 } from '@homeward/contracts';
import type { ApiRouter } from '@homeward/http';
import { attachEvidence, decideRequirement } from '../domain/requirement.transitions';
import type { LegalFileCommands } from './legal-file.command';
import { DecisionRequest, EvidenceRequest, RequirementParams } from './legal-file.requests';
import { EvidenceAttachedResponse, forbiddenResponse, LegalFileResponse } from './legal-file.responses';

export function requirementRoutes(api: ApiRouter, { run, send, scope }: LegalFileCommands): void {
  api.post(
    '/legal-files/:caseId/requirements/:code/evidence',
    {
      permission: 'legal-file:write',
      scope,
      summary: 'Attach a document or a DNA result to a requirement (security-screening: screening-officer role only). Publishes requirement.evidence-attached.v1 without the details.',
      params: RequirementParams,
      body: EvidenceRequest,
      responses: { 201: EvidenceAttachedResponse, 403: forbiddenResponse },
    },
    async ({ params, body }, req, res) => {
      const evidenceId = randomUUID();
      const { actor, saved } = await run(req, params.caseId, RequirementEvidenceAttachedV1, (file, actor, now) =>
        attachEvidence(file, { requirement: params.code, evidenceId, details: body }, actor, now),
      );
      send(res, saved, actor.roles, 201, { evidenceId });
    },
  );

  api.post(
    '/legal-files/:caseId/requirements/:code/decision',
    {
      permission: 'legal-file:write',
      scope,
      summary: 'Decide a requirement satisfied (needs evidence, except security-screening) or refused, with a reason; who and when are recorded. security-screening: screening-officer role only. guardian-approved: say the basis.',
      params: RequirementParams,
      body: DecisionRequest,
      responses: { 200: LegalFileResponse, 403: forbiddenResponse },
    },
    async ({ params, body }, req, res) => {
      const { actor, saved } = await run(req, params.caseId, RequirementDecidedV2, (file, actor, now) =>
        decideRequirement(file, { requirement: params.code, ...body }, actor, now),
      );
      send(res, saved, actor.roles);
    },
  );
}
