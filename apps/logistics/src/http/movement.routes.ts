import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { CaseAssignedV1, MovementScheduledV1 } from '@homeward/contracts';
import { requestIdOf, route } from '@homeward/http';
import { AggregateStore } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import { assignSeat } from '../domain/assignment';
import { registerClearedCaseModel, type ClearedCaseRecord } from '../store/cleared-case.model';
import { registerMovementModel, type MovementRecord } from '../store/movement.model';
import { AssignCaseRequest, MovementIdParams, ScheduleMovementRequest } from './movement.request';

export function movementRoutes(app: Express, context: ServiceContext): void {
  const movements = new AggregateStore<MovementRecord>(registerMovementModel(context.connection));
  const clearedCases = new AggregateStore<ClearedCaseRecord>(registerClearedCaseModel(context.connection));

  app.post(
    '/movements',
    route({ body: ScheduleMovementRequest }, async ({ body }, req, res) => {
      const movementId = randomUUID();
      const { seats, ...flight } = body;
      const scheduledAt = new Date().toISOString();
      const event = context.events(MovementScheduledV1, { movementId, flight, seats, scheduledAt }, { correlationid: requestIdOf(req) });
      await movements.createOrConflict(movementId, { flight, seats, assigned: [], scheduledAt }, [event], 'movement');
      context.published();
      res.status(201).location(`/movements/${movementId}`).setHeader('etag', '"1"').json({ movementId, flight, seats, assigned: [] });
    }),
  );

  app.get(
    '/movements/:movementId',
    route({ params: MovementIdParams }, async ({ params }, _req, res) => {
      const { _id, version, ...movement } = await movements.get(params.movementId, 'movement');
      res.setHeader('etag', `"${version}"`).json({ movementId: _id, ...movement });
    }),
  );

  app.post(
    '/movements/:movementId/assignments',
    route({ params: MovementIdParams, body: AssignCaseRequest }, async ({ params, body }, req, res) => {
      const movement = await movements.get(params.movementId, 'movement');
      const cleared = await clearedCases.find(body.caseId);
      const seat = assignSeat(movement, body.caseId, cleared !== null);
      const event = context.events(
        CaseAssignedV1,
        { caseId: body.caseId, movementId: params.movementId, seat: seat.seat, flight: movement.flight, assignedAt: new Date().toISOString() },
        { correlationid: requestIdOf(req), causationid: requestIdOf(req) },
      );
      // Conditional on the version read: two concurrent assignments cannot take one seat.
      const saved = await movements.update(params.movementId, movement.version, { assigned: [...movement.assigned, seat] }, [event], 'movement');
      context.published();
      res.status(201).setHeader('etag', `"${saved.version}"`).json({ movementId: params.movementId, ...seat });
    }),
  );
}
