import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CaseId, CaseMergedV1, Timestamp } from '@homeward/contracts';
import { requestIdOf, type ApiRouter } from '@homeward/http';
import type { Snapshot } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import { assertEditable } from '../domain/case-changes';
import { mergeCaseInto } from '../domain/case-merge';
import { confirmDuplicate, dismissDuplicate, duplicateStatuses, type DuplicateRecord } from '../domain/duplicate-review';
import { CaseRepository } from '../store/case.repository';
import { duplicateDetectorFor } from '../store/duplicate-detector';
import { duplicateStore } from '../store/duplicate.model';
import { principalOf } from '@homeward/auth';
import type { IntakeAgency } from './intake-agency';

const tags = ['duplicates'];
const Params = z.object({ duplicateId: z.uuid().describe('Id of the potential duplicate (derived from its two cases).') }).strict();
const ListQuery = z
  .object({
    status: z.enum(duplicateStatuses).optional().describe('open: waiting for review.'),
    limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size, at most 200.'),
  })
  .strict();
const ConfirmationRequest = z.object({ survivorCaseId: CaseId.describe('The case that survives; the other is merged into it.') }).strict();
const DismissalRequest = z.object({ reason: z.string().trim().min(1).max(1000).describe('Why the two cases are different children.') }).strict();
const Score = z.object({
  score: z.number().describe('How likely the two are the same child, 0–1; stored from 0.85.'),
  name: z.number(),
  birthDate: z.number(),
  mother: z.number().optional(),
  facility: z.number(),
});
const DuplicateView = z.object({
  duplicateId: z.uuid(),
  caseIds: z.array(CaseId).length(2),
  detectedFor: CaseId.describe('The case whose check found the other.'),
  score: Score,
  status: z.enum(duplicateStatuses),
  detectedAt: Timestamp,
  detectedBy: z.string().describe('registration, or import:<import id>.'),
  confirmation: z.object({ survivorCaseId: CaseId, mergedCaseId: CaseId, by: z.string(), at: Timestamp }).optional(),
  dismissal: z.object({ reason: z.string(), by: z.string(), at: Timestamp }).optional(),
  version: z.number().int(),
});
const view = ({ _id, ...rest }: Snapshot<DuplicateRecord>) => ({ duplicateId: _id, ...rest });

/** Review of potential duplicates: list, confirm (merge) or dismiss. */
export function duplicateRoutes(api: ApiRouter, context: ServiceContext, agency: IntakeAgency): void {
  const duplicates = duplicateStore(context.connection);
  const cases = new CaseRepository(context.connection);
  const detector = duplicateDetectorFor(context.connection, context.logger);

  api.get('/duplicates', { permission: 'duplicate:review', summary: "Potential duplicates among the cases of the programmes the caller's agency participates in, oldest first.", tags, query: ListQuery, responses: { 200: z.object({ items: z.array(DuplicateView) }) } }, async ({ query }, req, res) => {
    const visible = await agency.gate.visibleProgrammes(principalOf(req));
    const found = (await duplicates.model
      .find(query.status ? { status: query.status } : {})
      .select('-outbox -inbox -outboxPending')
      .sort({ detectedAt: 1, _id: 1 })
      .limit(query.limit)
      .lean()
      .exec()) as unknown as Snapshot<DuplicateRecord>[];
    res.json({ items: (visible.all ? found : await visibleTo(visible.programmeIds, found)).map(view) });
  });

  api.get('/duplicates/:duplicateId', { permission: 'duplicate:review', scope: agency.duplicate, summary: 'Read a potential duplicate.', tags, params: Params, responses: { 200: DuplicateView } }, async ({ params }, _req, res) => {
    res.json(view(await duplicates.get(params.duplicateId, 'duplicate')));
  });

  /** The duplicates whose cases all belong to these programmes (one query for the page's cases). */
  async function visibleTo(programmeIds: readonly string[], found: Snapshot<DuplicateRecord>[]): Promise<Snapshot<DuplicateRecord>[]> {
    const caseIds = [...new Set(found.flatMap((d) => d.caseIds))];
    const owners = (await cases.store.model.find({ _id: { $in: caseIds } }, { programmeId: 1 }).lean().exec()) as unknown as Array<{ _id: string; programmeId: string }>;
    const programmeOf = new Map(owners.map((c) => [c._id, c.programmeId]));
    return found.filter((d) => d.caseIds.every((id) => programmeIds.includes(programmeOf.get(id) ?? '')));
  }

  api.post(
    '/duplicates/:duplicateId/confirmation',
    {
      permission: 'duplicate:review',
      scope: agency.duplicate,
      summary: 'Confirm: the other case is merged into the survivor (case.merged.v1), keeping its history; 409 once decided or when a case can no longer change.',
      tags,
      params: Params,
      body: ConfirmationRequest,
      responses: { 200: DuplicateView },
    },
    async ({ params, body }, req, res) => {
      const { userId } = principalOf(req);
      const current = await duplicates.get(params.duplicateId, 'duplicate');
      const now = new Date();
      const { mergedCaseId, set } = confirmDuplicate(params.duplicateId, current, body.survivorCaseId, now, userId);
      const survivor = await cases.store.get(body.survivorCaseId, 'case');
      assertEditable(body.survivorCaseId, survivor);
      const merged = await cases.store.get(mergedCaseId, 'case');
      // Two aggregates, two writes: the case first. A retry after a crash in
      // between finds the case already merged into this survivor and only
      // records the decision.
      if (merged.mergedInto !== body.survivorCaseId) {
        const change = mergeCaseInto(mergedCaseId, merged, body.survivorCaseId, now, userId, randomUUID());
        const event = context.events(CaseMergedV1, change.event, { correlationid: requestIdOf(req) });
        await cases.store.update(mergedCaseId, merged.version, change.set, [event], 'case');
        context.published();
      }
      detector.forget(mergedCaseId);
      const updated = await duplicates.update(params.duplicateId, current.version, set, [], 'duplicate');
      res.json(view(updated));
    },
  );

  api.post(
    '/duplicates/:duplicateId/dismissal',
    { permission: 'duplicate:review', scope: agency.duplicate, summary: 'Dismiss: the two cases are different children; 409 once decided.', tags, params: Params, body: DismissalRequest, responses: { 200: DuplicateView } },
    async ({ params, body }, req, res) => {
      const { userId } = principalOf(req);
      const current = await duplicates.get(params.duplicateId, 'duplicate');
      const set = dismissDuplicate(params.duplicateId, current, body.reason, new Date(), userId);
      res.json(view(await duplicates.update(params.duplicateId, current.version, set, [], 'duplicate')));
    },
  );
}
