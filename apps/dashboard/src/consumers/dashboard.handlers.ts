import {
  CaseAssignedV1,
  CaseBoardedV1,
  CaseBoardingMissedV1,
  CaseClearedV1,
  CaseHandedOverV1,
  CaseHoldLiftedV1,
  CaseHoldPlacedV2,
  CaseMergedV1,
  CaseRegisteredV1,
  CaseRejectedV2,
  CaseUnassignedV1,
  CaseUpdatedV1,
  CaseWithdrawnV1,
  ClearanceRequestedV1,
  EmailSentV1,
  findEventDefinition,
  LegalFileOpenedV1,
  MovementArrivedV1,
  MovementCancelledV1,
  MovementDepartedV1,
  MovementEscortAddedV1,
  MovementEscortRemovedV1,
  MovementRescheduledV1,
  MovementScheduledV1,
  ProgrammeCreatedV1,
  ProgrammeResumedV1,
  ProgrammeSuspendedV1,
  RequirementDecidedV2,
  RequirementEvidenceAttachedV1,
  type EventEnvelope,
} from '@homeward/contracts';
import { KeyedLock, on, type HandlerRegistration } from '@homeward/messaging';
import type { PersonalDataCodec } from '@homeward/persistence';
import { MovementStatus } from '../domain/movement-projection';
import type { CounterShards } from '../store/counter-shards';
import { HOLD_REASON_PATH, type ReadModel } from '../store/read-model.models';
import { createCaseProjector } from './case.projector';
import { createMovementProjector, createProgrammeProjector } from './movement.projector';

/** The failure event the notification service is getting (issue 4); handled as soon as the contract has it. */
export const EMAIL_FAILED_TYPE = 'notification.email-failed.v1';

/**
 * Every event of every topic, projected into the read model. `onChange` is
 * told after each one, so the live page can be refreshed soon.
 */
export function dashboardHandlers(
  model: ReadModel,
  shards: CounterShards,
  onChange: () => void = () => {},
  privacy?: Pick<PersonalDataCodec, 'seal'>,
): HandlerRegistration[] {
  // One lock for every document of the read model in this process: derived effects follow their document's order.
  const lock = new KeyedLock();
  const projectCase = createCaseProjector(model, shards, lock);
  const projectMovement = createMovementProjector(model, shards, lock);
  const projectProgramme = createProgrammeProjector(model, shards, lock);
  const done = async (work: Promise<void>) => {
    await work;
    onChange();
  };
  const fact = <K extends string>(kind: K, at: string, event: EventEnvelope, extra: object = {}) =>
    ({ kind: 'fact', fact: { kind, eventId: event.id, at, ...extra } }) as never;
  const none = { kind: 'none' } as const;
  // A hold's reason is personal (it can name the child): the read model keeps it sealed with the child's key.
  const sealedReason = async (caseId: string, reason: string) => (privacy ? privacy.seal(caseId, HOLD_REASON_PATH, reason) : reason);

  const handlers: HandlerRegistration[] = [
    on(ProgrammeCreatedV1, (e) =>
      done(
        projectProgramme(e.data.programmeId, e, {
          name: e.data.name,
          originState: e.data.originState,
          destinationState: e.data.destinationState,
          status: 'active',
          childrenPerEscort: e.data.escortPolicy.childrenPerEscort,
          ...(e.data.participatingAgencies ? { participatingAgencies: [...e.data.participatingAgencies] } : {}),
        }),
      ),
    ),
    on(ProgrammeSuspendedV1, (e) => done(projectProgramme(e.data.programmeId, e, { status: 'suspended' }))),
    on(ProgrammeResumedV1, (e) => done(projectProgramme(e.data.programmeId, e, { status: 'active' }))),

    on(CaseRegisteredV1, (e) =>
      done(
        projectCase(e.data.caseId, e, {
          kind: 'snapshot',
          version: 1,
          programmeId: e.data.programmeId,
          destinationState: e.data.destinationState,
          requiresMedicalEscort: e.data.requiresMedicalEscort,
          fact: { kind: 'registered', eventId: e.id, at: e.data.registeredAt },
        }),
      ),
    ),
    on(CaseUpdatedV1, (e) =>
      done(
        projectCase(e.data.caseId, e, {
          kind: 'snapshot',
          version: e.data.version,
          programmeId: e.data.programmeId,
          destinationState: e.data.destinationState,
          requiresMedicalEscort: e.data.requiresMedicalEscort,
        }),
      ),
    ),
    on(CaseWithdrawnV1, (e) => done(projectCase(e.data.caseId, e, fact('withdrawn', e.data.withdrawnAt, e)))),
    on(CaseMergedV1, (e) => done(projectCase(e.data.caseId, e, fact('merged', e.data.mergedAt, e)))),

    on(LegalFileOpenedV1, (e) => done(projectCase(e.data.caseId, e, fact('legal-file-opened', e.data.openedAt, e)))),
    on(RequirementEvidenceAttachedV1, (e) => done(projectCase(e.data.caseId, e, none))),
    on(RequirementDecidedV2, (e) => done(projectCase(e.data.caseId, e, none))),
    on(ClearanceRequestedV1, (e) => done(projectCase(e.data.caseId, e, none))),
    on(CaseClearedV1, (e) => done(projectCase(e.data.caseId, e, fact('cleared', e.data.clearedAt, e)))),
    on(CaseRejectedV2, (e) => done(projectCase(e.data.caseId, e, fact('rejected', e.data.rejectedAt, e)))),
    on(CaseHoldPlacedV2, async (e) =>
      done(
        projectCase(e.data.caseId, e, fact('hold-placed', e.data.placedAt, e, { holdId: e.data.holdId, category: e.data.category }), {
          hold: {
            _id: e.data.holdId,
            category: e.data.category,
            reason: await sealedReason(e.data.caseId, e.data.personal.reason),
            placedBy: e.data.placedBy,
            placedAt: e.data.placedAt,
          },
        }),
      ),
    ),
    on(CaseHoldLiftedV1, (e) => done(projectCase(e.data.caseId, e, fact('hold-lifted', e.data.liftedAt, e, { holdId: e.data.holdId })))),

    on(MovementScheduledV1, (e) =>
      done(
        projectMovement(e.data.movementId, e, {
          kind: 'scheduled',
          programmeId: e.data.programmeId,
          flight: {
            operator: e.data.flight.operator,
            flightNumber: e.data.flight.flightNumber,
            departureAirport: e.data.flight.departureAirport,
            arrivalAirport: e.data.flight.arrivalAirport,
          },
          departure: e.data.flight.scheduledDeparture,
          seats: e.data.seats,
        }),
      ),
    ),
    on(MovementRescheduledV1, (e) => done(projectMovement(e.data.movementId, e, { kind: 'rescheduled', departure: e.data.scheduledDeparture }))),
    // Logistics also publishes case.unassigned for each released child: that is what frees the seats here.
    on(MovementCancelledV1, (e) => done(projectMovement(e.data.movementId, e, { kind: 'status', status: MovementStatus.cancelled }))),
    on(MovementEscortAddedV1, (e) =>
      done(projectMovement(e.data.movementId, e, { kind: 'escort-added', escortId: e.data.escortId, role: e.data.role })),
    ),
    on(MovementEscortRemovedV1, (e) => done(projectMovement(e.data.movementId, e, { kind: 'escort-removed', escortId: e.data.escortId }))),
    on(MovementDepartedV1, (e) => done(projectMovement(e.data.movementId, e, { kind: 'status', status: MovementStatus.departed }))),
    on(MovementArrivedV1, (e) =>
      done(
        (async () => {
          // One event, one write per case; a crash half-way redelivers it and
          // the cases already written skip it (same event id).
          for (const caseId of e.data.caseIds) {
            await projectCase(caseId, e, fact('arrived', e.data.arrivedAt, e, { movementId: e.data.movementId }), { countEvent: false });
          }
          await projectMovement(e.data.movementId, e, { kind: 'status', status: MovementStatus.arrived });
        })(),
      ),
    ),

    on(CaseAssignedV1, (e) => done(projectCase(e.data.caseId, e, fact('assigned', e.data.assignedAt, e, { movementId: e.data.movementId })))),
    on(CaseUnassignedV1, (e) =>
      done(projectCase(e.data.caseId, e, fact('unassigned', e.data.unassignedAt, e, { movementId: e.data.movementId }))),
    ),
    on(CaseBoardedV1, (e) => done(projectCase(e.data.caseId, e, fact('boarded', e.data.boardedAt, e, { movementId: e.data.movementId })))),
    on(CaseBoardingMissedV1, (e) =>
      done(projectCase(e.data.caseId, e, fact('boarding-missed', e.data.recordedAt, e, { movementId: e.data.movementId }))),
    ),
    on(CaseHandedOverV1, (e) =>
      done(projectCase(e.data.caseId, e, fact('handed-over', e.data.handedOverAt, e, { movementId: e.data.movementId }))),
    ),

    on(EmailSentV1, (e) => done(projectCase(e.data.caseId, e, fact('email-sent', e.data.sentAt, e, { milestone: e.data.milestone })))),
  ];

  const emailFailed = findEventDefinition(EMAIL_FAILED_TYPE);
  if (emailFailed) {
    handlers.push(
      on(emailFailed, (e) => {
        const data = e.data as Record<string, unknown>;
        const milestone = typeof data['milestone'] === 'string' ? data['milestone'] : 'unknown';
        return done(projectCase(e.subject, e, fact('email-failed', e.time, e, { milestone })));
      }),
    );
  }
  return handlers;
}
