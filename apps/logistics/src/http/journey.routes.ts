import { CaseBoardedV1, CaseBoardingMissedV1, CaseHandedOverV1, MovementArrivedV1, MovementDepartedV1 } from '@homeward/contracts';
import { requestIdOf, type ApiRouter } from '@homeward/http';
import type { ServiceContext } from '@homeward/runtime';
import { arrive, board, depart, handOver, NOT_BOARDED_AT_DEPARTURE, recordNoShow } from '../domain/movement-transitions';
import { AssignmentRule, refuseIfAny } from '../domain/rule-violations.error';
import type { LogisticsStores } from '../store/logistics.stores';
import { programmeFacts } from '../store/programme-copy.model';
import { principalOf } from '@homeward/auth';
import { BoardingRequest, HandoverRequest, MovementCaseParams, MovementIdParams } from './movement.request';
import { MovementView, movementView } from './movement.response';
import { loadForCommand, retriedWhenStale, saveMovement } from './movement-writer';
import type { LogisticsAgency } from './logistics-agency';

const tags = ['journey'];

export function journeyRoutes(api: ApiRouter, stores: LogisticsStores, context: ServiceContext, agency: LogisticsAgency): void {
  api.post(
    '/movements/:movementId/boarding/:caseId',
    { permission: 'movement:write', scope: agency.movement, summary: 'Record that a child boarded, or did not (a no-show returns the case to the cleared pool)', tags, params: MovementCaseParams, body: BoardingRequest, responses: { 200: MovementView } },
    retriedWhenStale(async ({ params, body }, req, res) => {
      principalOf(req);
      const movement = await loadForCommand(stores, req, params.movementId);
      const at = new Date().toISOString();
      const causation = { correlationid: requestIdOf(req) };
      const { caseId } = params;
      if (body.status === 'boarded') {
        const onHold = ((await stores.cases.find(caseId))?.holds.length ?? 0) > 0;
        const state = board(movement, caseId, onHold, at);
        const event = context.events(CaseBoardedV1, { caseId, movementId: movement._id, boardedAt: at }, causation);
        res.json(movementView(await saveMovement(stores, context, req, res, movement, state, [event], 'boarded', [caseId])));
        return;
      }
      const state = recordNoShow(movement, caseId, body.reason, at);
      const event = context.events(CaseBoardingMissedV1, { caseId, movementId: movement._id, reason: body.reason, recordedAt: at }, causation);
      const saved = await saveMovement(stores, context, req, res, movement, state, [event], 'no-show', [caseId]);
      await stores.claims.release(movement._id, [caseId]);
      res.json(movementView(saved));
    }),
  );

  api.post(
    '/movements/:movementId/departure',
    { permission: 'movement:write', scope: agency.movement, summary: 'The movement departs with the children who boarded; the others are no-shows', tags, params: MovementIdParams, responses: { 200: MovementView } },
    retriedWhenStale(async ({ params }, req, res) => {
      principalOf(req);
      const movement = await loadForCommand(stores, req, params.movementId);
      const programme = programmeFacts(await stores.programmes.find(movement.programmeId));
      const departedAt = new Date().toISOString();
      const { state, travelling, missed } = depart(movement, programme, departedAt);
      const causation = { correlationid: requestIdOf(req) };
      const events = [
        ...missed.map((caseId) =>
          context.events(CaseBoardingMissedV1, { caseId, movementId: movement._id, reason: NOT_BOARDED_AT_DEPARTURE, recordedAt: departedAt }, causation),
        ),
        context.events(MovementDepartedV1, { movementId: movement._id, caseIds: travelling, departedAt }, causation),
      ];
      const saved = await saveMovement(stores, context, req, res, movement, state, events, 'departed', travelling);
      await stores.claims.release(movement._id, missed);
      res.json(movementView(saved));
    }),
  );

  api.post(
    '/movements/:movementId/arrival',
    { permission: 'movement:write', scope: agency.movement, summary: 'The movement arrived at its destination airport', tags, params: MovementIdParams, responses: { 200: MovementView } },
    retriedWhenStale(async ({ params }, req, res) => {
      principalOf(req);
      const movement = await loadForCommand(stores, req, params.movementId);
      const arrivedAt = new Date().toISOString();
      const state = arrive(movement, arrivedAt);
      const event = context.events(MovementArrivedV1, { movementId: movement._id, caseIds: state.passengers.map((p) => p.caseId), arrivedAt }, { correlationid: requestIdOf(req) });
      res.json(movementView(await saveMovement(stores, context, req, res, movement, state, [event], 'arrived')));
    }),
  );

  api.post(
    '/movements/:movementId/handovers/:caseId',
    { permission: 'movement:write', scope: agency.movement, summary: "Hand a child over to a named guardian or an institution; closes the child's journey", tags, params: MovementCaseParams, body: HandoverRequest, responses: { 200: MovementView } },
    retriedWhenStale(async ({ params, body }, req, res) => {
      principalOf(req);
      const movement = await loadForCommand(stores, req, params.movementId);
      const { caseId } = params;
      const { handedOverAt = new Date().toISOString(), guardianId, ...who } = body;
      const handover = { ...who, ...(guardianId ? { guardianId } : {}), handedOverAt };
      const state = handOver(movement, caseId, handover);
      if (guardianId) {
        const known = (await stores.cases.find(caseId))?.guardians.some((g) => g.guardianId === guardianId) ?? false;
        refuseIfAny(known ? [] : [{ rule: AssignmentRule.knownGuardian, caseId, message: `guardian ${guardianId} is not a candidate guardian of case ${caseId}` }]);
      }
      const event = context.events(
        CaseHandedOverV1,
        {
          caseId,
          movementId: movement._id,
          receiverKind: body.receiverKind,
          ...(guardianId ? { guardianId } : {}),
          personal: { name: who.name, relationship: who.relationship, receivingPerson: who.receivingPerson },
          handedOverAt,
        },
        { correlationid: requestIdOf(req) },
      );
      res.json(movementView(await saveMovement(stores, context, req, res, movement, state, [event], 'handed over', [caseId])));
    }),
  );
}
