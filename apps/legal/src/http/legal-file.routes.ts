import type { Express } from 'express';
import { z } from 'zod';
import { CaseClearedV1 } from '@homeward/contracts';
import { requestIdOf, route } from '@homeward/http';
import { AggregateStore } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import { clear } from '../domain/legal-file';
import { registerLegalFileModel, type LegalFileRecord } from '../store/legal-file.model';

const CaseIdParams = z.object({ caseId: z.uuid().describe('Id of the case.') }).strict();
const ClearanceRequest = z
  .object({ approvedBy: z.string().trim().min(1).max(100).describe('Id of the person approving the clearance.') })
  .strict();

export function legalFileRoutes(app: Express, context: ServiceContext): void {
  const files = new AggregateStore<LegalFileRecord>(registerLegalFileModel(context.connection));

  app.get(
    '/legal-files/:caseId',
    route({ params: CaseIdParams }, async ({ params }, _req, res) => {
      const { _id, version, ...file } = await files.get(params.caseId, 'legal file');
      res.setHeader('etag', `"${version}"`).json({ caseId: _id, ...file });
    }),
  );

  // Temporary: the walking skeleton's single clearance action.
  app.post(
    '/legal-files/:caseId/clearance',
    route({ params: CaseIdParams, body: ClearanceRequest }, async ({ params, body }, req, res) => {
      const file = await files.get(params.caseId, 'legal file');
      const next = clear(file, body.approvedBy, new Date());
      const event = context.events(
        CaseClearedV1,
        {
          caseId: params.caseId,
          programmeId: file.programmeId,
          destinationState: file.destinationState,
          clearedAt: next.clearedAt!,
          approvedBy: next.approvedBy,
        },
        { correlationid: requestIdOf(req), causationid: requestIdOf(req) },
      );
      const saved = await files.update(params.caseId, file.version, next, [event], 'legal file');
      context.published();
      res.setHeader('etag', `"${saved.version}"`).json({ caseId: params.caseId, status: saved.status, clearedAt: saved.clearedAt });
    }),
  );
}
