import { randomUUID } from 'node:crypto';
import { CaseHoldLiftedV1, CaseHoldPlacedV2 } from '@homeward/contracts';
import type { ApiRouter } from '@homeward/http';
import { liftHold, placeHold } from '../domain/hold.transitions';
import type { LegalFileCommands } from './legal-file.command';
import { CaseIdParams, HoldParams, HoldRequest } from './legal-file.requests';
import { HoldPlacedResponse, LegalFileResponse } from './legal-file.responses';

export function holdRoutes(api: ApiRouter, { run, send, scope }: LegalFileCommands): void {
  api.post(
    '/legal-files/:caseId/holds',
    {
      permission: 'legal-file:write',
      scope,
      summary: 'Place a hold (category, reason) on a case before it boards; it blocks clearance, assignment and boarding until lifted. Publishes case.hold-placed.v2 (the reason sealed in its personal part).',
      params: CaseIdParams,
      body: HoldRequest,
      responses: { 201: HoldPlacedResponse },
    },
    async ({ params, body }, req, res) => {
      const holdId = randomUUID();
      const { actor, saved } = await run(req, params.caseId, CaseHoldPlacedV2, (file, actor, now) => placeHold(file, { holdId, ...body }, actor, now));
      send(res, saved, actor.roles, 201, { holdId });
    },
  );

  api.post(
    '/legal-files/:caseId/holds/:holdId/lift',
    {
      permission: 'legal-file:write',
      scope,
      summary: 'Lift an active hold. Publishes case.hold-lifted.v1.',
      params: HoldParams,
      responses: { 200: LegalFileResponse },
    },
    async ({ params }, req, res) => {
      const { actor, saved } = await run(req, params.caseId, CaseHoldLiftedV1, (file, actor, now) => liftHold(file, params.holdId, actor, now));
      send(res, saved, actor.roles);
    },
  );
}
