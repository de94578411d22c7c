import { randomUUID } from 'node:crypto';
import { CaseRegisteredV2 } from '@homeward/contracts';
import { ConflictError, RuleViolationError } from '@homeward/errors';
import { requestIdOf, type ApiRouter } from '@homeward/http';
import type { Snapshot } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import type { CaseRecord } from '../domain/case';
import { registerCase } from '../domain/register-case';
import { caseListSort, caseSearchFilter, encodeCursor } from '../store/case-search.query';
import { CaseRepository } from '../store/case.repository';
import { findProgrammeDefinition } from '../store/programme.repository';
import { noteDenial, principalOf } from '@homeward/auth';
import type { IntakeAgency } from './intake-agency';
import { sendWithEtag } from './case-preconditions';
import { canonicalBody, registrationKey } from './registration-idempotency';
import { CaseIdParams, CaseListQuery, CaseListResponse, CaseView, caseView, RegisteredResponse, RegisterCaseRequest } from './case.schemas';

const tags = ['cases'];
const HIDDEN = '-outbox -inbox -outboxPending';

/** Registration, reading and search of child cases. */
export function caseRoutes(api: ApiRouter, context: ServiceContext, agency: IntakeAgency): void {
  const cases = new CaseRepository(context.connection);

  api.post(
    '/cases',
    { permission: 'case:write', summary: "Register a child under a programme (422 names the eligibility rule it breaks).", tags, body: RegisterCaseRequest, responses: { 201: RegisteredResponse } },
    async ({ body }, req, res) => {
      const principal = principalOf(req);
      const { userId } = principal;
      const idempotency = registrationKey(req.get('idempotency-key'), userId);
      // A programme the caller's agency is not part of is, to them, a programme that does not exist.
      const participates = await agency.gate.mayActIn(principal, body.programmeId);
      if (!participates) noteDenial(res, principal, body.programmeId);
      const programme = participates ? await findProgrammeDefinition(context.connection, body.programmeId) : undefined;
      const outcome = registerCase(programme, body, new Date(), { caseId: idempotency?.caseId ?? randomUUID(), guardianId: randomUUID }, userId);
      if (outcome instanceof RuleViolationError) throw outcome;
      // Keyed, so that the stored fingerprint reveals nothing of the child by a dictionary attack.
      const fingerprint = idempotency ? context.privacy.blind(`registration\u0000${canonicalBody(body)}`) : undefined;
      const record = fingerprint ? { ...outcome.record, registrationFingerprint: fingerprint } : outcome.record;
      const event = context.events(CaseRegisteredV2, outcome.event, { correlationid: requestIdOf(req) });
      if (!(await cases.store.create(outcome.caseId, record, [event]))) {
        if (!idempotency) throw new ConflictError(`case ${outcome.caseId} already exists`);
        // The same key again: the same registration is answered as the first time; another one is refused.
        const existing = await cases.store.get(outcome.caseId, 'case');
        if (existing.registrationFingerprint !== fingerprint) {
          throw new RuleViolationError('idempotency-key-reused', 'this Idempotency-Key was used for another registration; use a new key for a new child');
        }
        res.location(`/cases/${outcome.caseId}`);
        res.set('Idempotent-Replayed', 'true');
        sendWithEtag(res, 201, existing.version, { caseId: outcome.caseId, stage: existing.stage, registeredAt: existing.registeredAt, version: existing.version });
        return;
      }
      context.published();
      res.location(`/cases/${outcome.caseId}`);
      sendWithEtag(res, 201, 1, { caseId: outcome.caseId, stage: outcome.record.stage, registeredAt: outcome.record.registeredAt, version: 1 });
    },
  );

  api.get('/cases/:caseId', { permission: 'case:read', scope: agency.case, fields: 'case', summary: 'Read a case; the ETag is its version.', tags, params: CaseIdParams, responses: { 200: CaseView } }, async ({ params }, _req, res) => {
    const found = await cases.store.get(params.caseId, 'case');
    sendWithEtag(res, 200, found.version, caseView(found));
  });

  api.get(
    '/cases',
    { permission: 'case:read', fields: 'case', summary: "Search the cases of the programmes the caller's agency participates in by name (any script or transliteration), facility, stage, programme, destination state; in registration order.", tags, query: CaseListQuery, responses: { 200: CaseListResponse } },
    async ({ query }, req, res) => {
      const found = (await cases.store.model
        .find(await agency.gate.restrict(principalOf(req), caseSearchFilter(query, (key) => context.privacy.blind(key))))
        .select(HIDDEN)
        .sort(caseListSort)
        .limit(query.limit + 1)
        .lean()
        .exec()) as unknown as Snapshot<CaseRecord>[];
      // One more than the page tells whether another page follows, without counting.
      const page = found.slice(0, query.limit);
      const last = page.at(-1);
      const next = found.length > query.limit && last ? encodeCursor({ registeredAt: last.registeredAt, id: last._id }) : undefined;
      res.json({ items: page.map(caseView), ...(next ? { next } : {}) });
    },
  );
}
