import { randomUUID } from 'node:crypto';
import { CaseUpdatedV1 } from '@homeward/contracts';
import { PreconditionFailedError, RuleViolationError, TransientError } from '@homeward/errors';
import { requestIdOf, type ApiRouter } from '@homeward/http';
import type { Snapshot } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import type { CaseRecord } from '../domain/case';
import { caseChange } from '../domain/case-changes';
import { addGuardian, assertSiblingGroup, siblingGroup, siblingsToSet, updateGuardian } from '../domain/case-family';
import { CaseRepository } from '../store/case.repository';
import { principalOf } from '@homeward/auth';
import { ifMatchVersion, readAt, sendWithEtag } from './case-preconditions';
import { AddGuardianRequest, CaseIdParams, CaseView, caseView, GuardianParams, SiblingsRequest, UpdateGuardianRequest } from './case.schemas';
import type { IntakeAgency } from './intake-agency';

const tags = ['cases'];
const MAX_SIBLING_WRITE_ATTEMPTS = 5;

/** Siblings and candidate guardians of a case. */
export function caseFamilyRoutes(api: ApiRouter, context: ServiceContext, agency: IntakeAgency): void {
  const cases = new CaseRepository(context.connection);

  api.post(
    '/cases/:caseId/siblings',
    { permission: 'case:write', scope: agency.case, fields: 'case', summary: 'Link siblings: every case of the group lists every other one.', tags, params: CaseIdParams, body: SiblingsRequest, responses: { 200: CaseView } },
    async ({ params, body }, req, res) => {
      const { userId } = principalOf(req);
      const loaded = new Map<string, Snapshot<CaseRecord> | null>();
      let group: string[] = [];
      // The group is closed over the siblings its members already have; load until nothing new appears.
      for (;;) {
        const step = siblingGroup(params.caseId, body.caseIds, loaded);
        group = step.group;
        if (step.missing.length === 0) break;
        for (const id of step.missing) loaded.set(id, await cases.find(id));
        if (!loaded.get(params.caseId)) await cases.store.get(params.caseId, 'case');
      }
      assertSiblingGroup(params.caseId, group, loaded);
      // Each case is its own aggregate, committed on its own, so the
      // members are written one by one. That is safe because each write only
      // adds the missing ids (a union, nothing removed) and writes nothing
      // when the member already lists the whole group: if this request fails
      // half-way, repeating it completes the links and publishes no duplicate
      // `case.updated.v1`, and no member ever lists a case that does not list it back
      // once the request has completed.
      const correlationid = requestIdOf(req);
      for (const memberId of group) await linkMember(memberId, group, userId, correlationid);
      context.published();
      const updated = await cases.store.get(params.caseId, 'case');
      sendWithEtag(res, 200, updated.version, caseView(updated));
    },
  );

  async function linkMember(memberId: string, group: readonly string[], userId: string, correlationid: string): Promise<void> {
    for (let attempt = 0; attempt < MAX_SIBLING_WRITE_ATTEMPTS; attempt++) {
      const member = await cases.store.get(memberId, 'case');
      const siblings = siblingsToSet(memberId, member.siblingCaseIds, group);
      if (!siblings) return;
      const change = caseChange(memberId, member, { siblingCaseIds: siblings }, new Date(), userId);
      const event = context.events(CaseUpdatedV1, change.event, { correlationid });
      try {
        await cases.store.update(memberId, member.version, change.set, [event], 'case');
        return;
      } catch (error) {
        // A stage fact or another edit landed in between: read again and redo the union.
        if (!(error instanceof PreconditionFailedError)) throw error;
      }
    }
    throw new TransientError(`case ${memberId} kept changing while linking siblings; repeat the request`);
  }

  api.post(
    '/cases/:caseId/guardians',
    { permission: 'case:write', scope: agency.case, fields: 'case', summary: 'Add a candidate guardian (If-Match optional).', tags, params: CaseIdParams, body: AddGuardianRequest, responses: { 201: CaseView } },
    async ({ params, body }, req, res) => {
      const { userId } = principalOf(req);
      const current = await readAt(cases, params.caseId, ifMatchVersion(req, false));
      const guardianId = randomUUID();
      const change = addGuardian(params.caseId, current, body, guardianId, new Date(), userId);
      if (change instanceof RuleViolationError) throw change;
      const event = context.events(CaseUpdatedV1, change.event, { correlationid: requestIdOf(req) });
      const updated = await cases.store.update(params.caseId, current.version, change.set, [event], 'case');
      context.published();
      res.location(`/cases/${params.caseId}/guardians/${guardianId}`);
      sendWithEtag(res, 201, updated.version, caseView(updated));
    },
  );

  api.patch(
    '/cases/:caseId/guardians/:guardianId',
    { permission: 'case:write', scope: agency.case, fields: 'case', summary: 'Change a candidate guardian; needs If-Match with the case ETag.', tags, params: GuardianParams, body: UpdateGuardianRequest, responses: { 200: CaseView } },
    async ({ params, body }, req, res) => {
      const { userId } = principalOf(req);
      const current = await readAt(cases, params.caseId, ifMatchVersion(req, true));
      const change = updateGuardian(params.caseId, current, params.guardianId, body, new Date(), userId);
      const event = context.events(CaseUpdatedV1, change.event, { correlationid: requestIdOf(req) });
      const updated = await cases.store.update(params.caseId, current.version, change.set, [event], 'case');
      context.published();
      sendWithEtag(res, 200, updated.version, caseView(updated));
    },
  );
}
