import { randomUUID } from 'node:crypto';
import { CaseUnassignedV1, MovementCancelledV1, MovementRescheduledV1, MovementScheduledV1 } from '@homeward/contracts';
import { requestIdOf, type ApiRouter } from '@homeward/http';
import type { ServiceContext } from '@homeward/runtime';
import { cancel, reschedule, scheduleMovement } from '../domain/movement-transitions';
import type { LogisticsStores } from '../store/logistics.stores';
import { programmeFacts } from '../store/programme-copy.model';
import { principalOf } from '@homeward/auth';
import { CancelRequest, ListMovementsQuery, MovementIdParams, RescheduleRequest, ScheduleMovementRequest } from './movement.request';
import { MovementList, MovementView, movementView } from './movement.response';
import { loadForCommand, retriedWhenStale, saveMovement } from './movement-writer';
import type { LogisticsAgency } from './logistics-agency';

const tags = ['movements'];

export function movementRoutes(api: ApiRouter, stores: LogisticsStores, context: ServiceContext, agency: LogisticsAgency): void {
  const { movements } = stores;

  api.post('/movements', { permission: 'movement:write', summary: 'Schedule a movement (a flight home) under a programme', tags, body: ScheduleMovementRequest, responses: { 201: MovementView } }, async ({ body }, req, res) => {
    const principal = principalOf(req);
    const { userId } = principal;
    const movementId = randomUUID();
    const { programmeId, seats, ...flight } = body;
    // A programme the caller's agency is not part of is, to them, a programme that does not exist.
    if (!(await agency.gate.mayActIn(principal, programmeId))) throw agency.gate.hidden(res, principal, programmeId, 'programme', programmeId);
    const scheduledAt = new Date().toISOString();
    const state = scheduleMovement(programmeId, flight, seats, scheduledAt);
    const event = context.events(MovementScheduledV1, { movementId, programmeId, flight, seats, scheduledAt }, { correlationid: requestIdOf(req) });
    await movements.createOrConflict(movementId, { ...state, history: [{ action: 'scheduled', by: userId, at: scheduledAt }] }, [event], 'movement');
    context.published();
    const created = await movements.get(movementId, 'movement');
    res.status(201).location(`/movements/${movementId}`).setHeader('etag', `"${created.version}"`).json(movementView(created));
  });

  api.get('/movements/:movementId', { permission: 'movement:read', scope: agency.movement, summary: 'Read a movement', tags, params: MovementIdParams, responses: { 200: MovementView } }, async ({ params }, _req, res) => {
    const movement = await movements.get(params.movementId, 'movement');
    res.setHeader('etag', `"${movement.version}"`).json(movementView(movement));
  });

  api.get('/movements', { permission: 'movement:read', summary: "List the movements of the programmes the caller's agency participates in, by programme and state", tags, query: ListMovementsQuery, responses: { 200: MovementList } }, async ({ query }, req, res) => {
    const filter: Record<string, string> = {};
    if (query.programmeId) filter['programmeId'] = query.programmeId;
    if (query.status) filter['status'] = query.status;
    const found = await movements.model.find(await agency.gate.restrict(principalOf(req), filter)).sort({ 'flight.scheduledDeparture': 1 }).limit(500).lean().exec();
    res.json({ movements: (found as unknown as Parameters<typeof movementView>[0][]).map(movementView) });
  });

  api.post(
    '/movements/:movementId/reschedule',
    { permission: 'movement:write', scope: agency.movement, summary: 'Move the scheduled departure; the children keep their seats', tags, params: MovementIdParams, body: RescheduleRequest, responses: { 200: MovementView } },
    retriedWhenStale(async ({ params, body }, req, res) => {
      principalOf(req);
      const movement = await loadForCommand(stores, req, params.movementId);
      const programme = programmeFacts(await stores.programmes.find(movement.programmeId));
      const children = await stores.facts.onBoard(movement);
      const { state, previousDeparture } = reschedule(movement, body.scheduledDeparture, children, programme?.escortPolicy ?? null);
      const event = context.events(
        MovementRescheduledV1,
        {
          movementId: movement._id,
          scheduledDeparture: body.scheduledDeparture,
          previousDeparture,
          caseIds: movement.passengers.map((p) => p.caseId),
          rescheduledAt: new Date().toISOString(),
        },
        { correlationid: requestIdOf(req) },
      );
      res.json(movementView(await saveMovement(stores, context, req, res, movement, state, [event], 'rescheduled')));
    }),
  );

  api.post(
    '/movements/:movementId/cancel',
    { permission: 'movement:write', scope: agency.movement, summary: 'Cancel a movement that has not left; its children return to the cleared pool', tags, params: MovementIdParams, body: CancelRequest, responses: { 200: MovementView } },
    retriedWhenStale(async ({ params, body }, req, res) => {
      principalOf(req);
      const movement = await loadForCommand(stores, req, params.movementId);
      const cancelledAt = new Date().toISOString();
      const { state, released } = cancel(movement, body.reason, cancelledAt);
      const causation = { correlationid: requestIdOf(req) };
      // One event per case as well, keyed by the case, so that case consumers see the release in the case's own order.
      const events = [
        context.events(MovementCancelledV1, { movementId: movement._id, reason: body.reason, releasedCaseIds: released, cancelledAt }, causation),
        ...released.map((caseId) =>
          context.events(CaseUnassignedV1, { caseId, movementId: movement._id, reason: 'movement cancelled', unassignedAt: cancelledAt }, causation),
        ),
      ];
      const saved = await saveMovement(stores, context, req, res, movement, state, events, 'cancelled', released);
      await stores.claims.release(movement._id, released);
      res.json(movementView(saved));
    }),
  );
}
