import { CaseAssignedV1, CaseUnassignedV1 } from '@homeward/contracts';
import { requestIdOf, type ApiRouter } from '@homeward/http';
import type { ServiceContext } from '@homeward/runtime';
import { assignCases } from '../domain/assignment-rules';
import { unassign } from '../domain/movement-transitions';
import type { LogisticsStores } from '../store/logistics.stores';
import { programmeFacts } from '../store/programme-copy.model';
import { principalOf } from '@homeward/auth';
import { AssignCasesRequest, MovementCaseParams, MovementIdParams } from './movement.request';
import { AssignmentView, MovementView, movementView } from './movement.response';
import { loadForCommand, retriedWhenStale, saveMovement } from './movement-writer';
import type { LogisticsAgency } from './logistics-agency';

const tags = ['assignments'];

export function assignmentRoutes(api: ApiRouter, stores: LogisticsStores, context: ServiceContext, agency: LogisticsAgency): void {
  api.post(
    '/movements/:movementId/assignments',
    {
      permission: 'movement:write', scope: agency.movement,
      summary: 'Seat one or more cleared cases; every failing rule is named in one 422',
      tags,
      params: MovementIdParams,
      body: AssignCasesRequest,
      responses: { 201: AssignmentView },
    },
    retriedWhenStale(async ({ params, body }, req, res) => {
      principalOf(req);
      const movement = await loadForCommand(stores, req, params.movementId);
      const programme = programmeFacts(await stores.programmes.find(movement.programmeId));
      const { facts, copies } = await stores.facts.forAssignment(movement, body.caseIds);
      const assignedAt = new Date().toISOString();
      const { passengers, added } = assignCases({ movement, programme, caseIds: body.caseIds, cases: facts, assignedAt });

      const causation = { correlationid: requestIdOf(req) };
      const events = added.map((p) =>
        context.events(CaseAssignedV1, { caseId: p.caseId, movementId: movement._id, seat: p.seat, flight: movement.flight, assignedAt }, causation),
      );
      // Claim first (compare-and-set on what was read), then the movement: see CaseClaims.
      await stores.claims.claim(movement._id, new Map(body.caseIds.map((id) => [id, copies.get(id)?.movementId ?? null])));
      let saved;
      try {
        saved = await saveMovement(stores, context, req, res, movement, { ...movement, passengers }, events, 'assigned', body.caseIds);
      } catch (error) {
        await stores.claims.release(movement._id, body.caseIds);
        throw error;
      }
      res.status(201).json({
        movementId: movement._id,
        assigned: added.map(({ caseId, seat }) => ({ caseId, seat })),
        freeSeats: saved.seats - saved.passengers.length,
      });
    }),
  );

  api.delete(
    '/movements/:movementId/assignments/:caseId',
    { permission: 'movement:write', scope: agency.movement, summary: 'Unassign a case that has not boarded; it returns to the cleared pool', tags, params: MovementCaseParams, responses: { 200: MovementView } },
    retriedWhenStale(async ({ params }, req, res) => {
      principalOf(req);
      const movement = await loadForCommand(stores, req, params.movementId);
      const state = unassign(movement, params.caseId);
      const event = context.events(
        CaseUnassignedV1,
        { caseId: params.caseId, movementId: movement._id, reason: 'unassigned by an officer', unassignedAt: new Date().toISOString() },
        { correlationid: requestIdOf(req) },
      );
      const saved = await saveMovement(stores, context, req, res, movement, state, [event], 'unassigned', [params.caseId]);
      await stores.claims.release(movement._id, [params.caseId]);
      res.json(movementView(saved));
    }),
  );
}
