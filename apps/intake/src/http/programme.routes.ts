import { z } from 'zod';
import {
  ProgrammeCreatedV1,
  ProgrammeDefinition,
  ProgrammeId,
  ProgrammeResumedV1,
  ProgrammeStatusSchema,
  ProgrammeSuspendedV1,
  Timestamp,
} from '@homeward/contracts';
import { requestIdOf, type ApiRouter } from '@homeward/http';
import { AggregateStore, type Snapshot } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import { newProgramme, resumeProgramme, suspendProgramme, type ProgrammeRecord } from '../domain/programme';
import { registerProgrammeModel } from '../store/programme.model';
import { participantsOfNewProgramme, principalOf } from '@homeward/auth';
import type { IntakeAgency } from './intake-agency';
import { ifMatchVersion, sendWithEtag } from './case-preconditions';

const Params = z.object({ programmeId: ProgrammeId }).strict();
const SuspensionRequest = z.object({ reason: z.string().trim().min(1).max(1000).describe('Why the programme is suspended.') }).strict();
const ProgrammeView = ProgrammeDefinition.extend({
  status: ProgrammeStatusSchema,
  suspension: z.object({ reason: z.string(), at: Timestamp, by: z.string() }).nullable().optional().describe('Why and since when, while suspended.'),
  createdAt: Timestamp,
  createdBy: z.string(),
  resumedAt: Timestamp.optional(),
  version: z.number().int().positive().describe('Version of the programme; its ETag.'),
});
const tags = ['programmes'];

const view = ({ _id, ...rest }: Snapshot<ProgrammeRecord>) => ({ programmeId: _id, ...rest });

/** Programmes: an origin and a destination state, who may be registered, escorts, the legal checklist, and a status. */
export function programmeRoutes(api: ApiRouter, context: ServiceContext, agency: IntakeAgency): void {
  const programmes = new AggregateStore<ProgrammeRecord>(registerProgrammeModel(context.connection));

  api.post('/programmes', { permission: 'programme:write', summary: "Create a programme (active); without participatingAgencies, the deployment's default list or the creator's agency.", tags, body: ProgrammeDefinition, responses: { 201: ProgrammeView } }, async ({ body }, req, res) => {
    const principal = principalOf(req);
    const definition = { ...body, participatingAgencies: participantsOfNewProgramme(context.agencies, principal, body.participatingAgencies) };
    const record = newProgramme(definition, new Date(), principal.userId);
    const event = context.events(ProgrammeCreatedV1, { ...definition, createdAt: record.createdAt }, { correlationid: requestIdOf(req) });
    await programmes.createOrConflict(body.programmeId, record, [event], 'programme');
    context.published();
    res.location(`/programmes/${body.programmeId}`);
    sendWithEtag(res, 201, 1, view({ ...record, _id: body.programmeId, version: 1 }));
  });

  api.get('/programmes', { permission: 'programme:read', summary: "List the programmes the caller's agency participates in, by id.", tags, responses: { 200: z.object({ items: z.array(ProgrammeView) }) } }, async (_input, req, res) => {
    // A handful of programmes exist (one per pair of states and period): no paging.
    const found = (await programmes.model.find(await agency.gate.restrict(principalOf(req), {}, '_id')).select('-outbox -inbox -outboxPending').sort({ _id: 1 }).lean().exec()) as unknown as Snapshot<ProgrammeRecord>[];
    res.json({ items: found.map(view) });
  });

  api.get('/programmes/:programmeId', { permission: 'programme:read', scope: agency.programme, summary: 'Read a programme.', tags, params: Params, responses: { 200: ProgrammeView } }, async ({ params }, _req, res) => {
    const found = await programmes.get(params.programmeId, 'programme');
    sendWithEtag(res, 200, found.version, view(found));
  });

  api.post(
    '/programmes/:programmeId/suspension',
    { permission: 'programme:write', scope: agency.programme, summary: 'Suspend a programme: no new movement assignments; intake and legal go on.', tags, params: Params, body: SuspensionRequest, responses: { 200: ProgrammeView } },
    async ({ params, body }, req, res) => {
      const { userId } = principalOf(req);
      const current = await programmes.get(params.programmeId, 'programme');
      const expected = ifMatchVersion(req, false) ?? current.version;
      const now = new Date();
      const set = suspendProgramme(params.programmeId, current, body.reason, now, userId);
      const event = context.events(
        ProgrammeSuspendedV1,
        { programmeId: params.programmeId, reason: body.reason, suspendedAt: now.toISOString() },
        { correlationid: requestIdOf(req) },
      );
      const updated = await programmes.update(params.programmeId, expected, set, [event], 'programme');
      context.published();
      sendWithEtag(res, 200, updated.version, view(updated));
    },
  );

  api.post(
    '/programmes/:programmeId/resumption',
    { permission: 'programme:write', scope: agency.programme, summary: 'Resume a suspended programme.', tags, params: Params, responses: { 200: ProgrammeView } },
    async ({ params }, req, res) => {
      principalOf(req);
      const current = await programmes.get(params.programmeId, 'programme');
      const expected = ifMatchVersion(req, false) ?? current.version;
      const now = new Date();
      const set = resumeProgramme(params.programmeId, current, now);
      const event = context.events(ProgrammeResumedV1, { programmeId: params.programmeId, resumedAt: now.toISOString() }, { correlationid: requestIdOf(req) });
      const updated = await programmes.update(params.programmeId, expected, set, [event], 'programme');
      context.published();
      sendWithEtag(res, 200, updated.version, view(updated));
    },
  );
}
