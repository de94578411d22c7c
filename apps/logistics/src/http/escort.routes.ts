import { randomUUID } from 'node:crypto';
import { MovementEscortAddedV1, MovementEscortRemovedV1 } from '@homeward/contracts';
import { requestIdOf, type ApiRouter } from '@homeward/http';
import type { ServiceContext } from '@homeward/runtime';
import { addEscort, removeEscort } from '../domain/movement-transitions';
import type { LogisticsStores } from '../store/logistics.stores';
import { programmeFacts } from '../store/programme-copy.model';
import { principalOf } from '@homeward/auth';
import { AddEscortRequest, EscortParams, MovementIdParams } from './movement.request';
import { MovementView, movementView } from './movement.response';
import { loadForCommand, retriedWhenStale, saveMovement } from './movement-writer';
import type { LogisticsAgency } from './logistics-agency';

const tags = ['escorts'];

export function escortRoutes(api: ApiRouter, stores: LogisticsStores, context: ServiceContext, agency: LogisticsAgency): void {
  api.post(
    '/movements/:movementId/escorts',
    { permission: 'movement:write', scope: agency.movement, summary: 'Add an escort (official, medical, psychologist or carer)', tags, params: MovementIdParams, body: AddEscortRequest, responses: { 201: MovementView } },
    retriedWhenStale(async ({ params, body }, req, res) => {
      principalOf(req);
      const movement = await loadForCommand(stores, req, params.movementId);
      const escort = { escortId: randomUUID(), name: body.name, role: body.role };
      const state = addEscort(movement, escort);
      // The escort's name is personal data: it stays in logistics, the event carries the role.
      const event = context.events(
        MovementEscortAddedV1,
        { movementId: movement._id, escortId: escort.escortId, role: escort.role, addedAt: new Date().toISOString() },
        { correlationid: requestIdOf(req) },
      );
      const saved = await saveMovement(stores, context, req, res, movement, state, [event], `escort ${escort.escortId} added`);
      res.status(201).location(`/movements/${movement._id}/escorts/${escort.escortId}`).json(movementView(saved));
    }),
  );

  api.delete(
    '/movements/:movementId/escorts/:escortId',
    { permission: 'movement:write', scope: agency.movement, summary: 'Remove an escort, unless the children on board would then break the escort rules', tags, params: EscortParams, responses: { 200: MovementView } },
    retriedWhenStale(async ({ params }, req, res) => {
      principalOf(req);
      const movement = await loadForCommand(stores, req, params.movementId);
      const programme = programmeFacts(await stores.programmes.find(movement.programmeId));
      const children = await stores.facts.onBoard(movement);
      const state = removeEscort(movement, params.escortId, children, programme?.escortPolicy ?? null);
      const event = context.events(
        MovementEscortRemovedV1,
        { movementId: movement._id, escortId: params.escortId, removedAt: new Date().toISOString() },
        { correlationid: requestIdOf(req) },
      );
      res.json(movementView(await saveMovement(stores, context, req, res, movement, state, [event], `escort ${params.escortId} removed`)));
    }),
  );
}
