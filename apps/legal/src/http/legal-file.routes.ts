import type { ApiRouter } from '@homeward/http';
import { activeHolds } from '../domain/legal-file.state';
import { principalOf } from '@homeward/auth';
import { stateOf, type LegalFileCommands } from './legal-file.command';
import { CaseIdParams, ListQuery } from './legal-file.requests';
import { LegalFileListResponse, LegalFileResponse } from './legal-file.responses';

export function legalFileRoutes(api: ApiRouter, { files, send, gate, scope }: LegalFileCommands): void {
  api.get(
    '/legal-files/:caseId',
    {
      permission: 'legal-file:read',
      scope,
      summary: 'A legal file: requirements with evidence summaries and decisions (who, when, why), holds, status history. Screening details only for the screening-officer role.',
      params: CaseIdParams,
      responses: { 200: LegalFileResponse },
    },
    async ({ params }, req, res) => send(res, await files.get(params.caseId, 'legal file'), principalOf(req).roles),
  );

  api.get(
    '/legal-files',
    {
      permission: 'legal-file:read',
      summary: "Legal files of the programmes the caller's agency participates in, by status and programme, in case id order, a page at a time.",
      query: ListQuery,
      responses: { 200: LegalFileListResponse },
    },
    async ({ query }, req, res) => {
      const filter: Record<string, unknown> = {};
      if (query.status) filter['status'] = query.status;
      if (query.programmeId) filter['programmeId'] = query.programmeId;
      if (query.after) filter['_id'] = { $gt: query.after };
      const found = await files.model
        .find(await gate.restrict(principalOf(req), filter))
        .sort({ _id: 1 })
        .limit(query.limit + 1)
        .lean()
        .exec();
      const page = found.slice(0, query.limit).map((record) => {
        const file = stateOf(record as never);
        return {
          caseId: file.caseId,
          programmeId: file.programmeId,
          status: file.status,
          openedAt: file.openedAt,
          requirements: file.requirements.map(({ code, status }) => ({ code, status })),
          activeHolds: activeHolds(file).length,
        };
      });
      const next = found.length > query.limit ? page.at(-1)?.caseId : undefined;
      res.json({ items: page, ...(next ? { next } : {}) });
    },
  );
}
