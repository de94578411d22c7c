import { z } from 'zod';
import { defineEvent } from '../define-event';
import { CaseId, MovementId, Timestamp } from '../common';
import { Topic } from '../topics';

export const EscortRole = { official: 'official', medical: 'medical', psychologist: 'psychologist', carer: 'carer' } as const;
export const EscortRoleSchema = z.enum(EscortRole).describe('What an escort does on the movement.');

const CaseIds = z.array(CaseId).describe('Cases on the movement.');

export const MovementRescheduledV1 = defineEvent({
  type: 'movement.rescheduled.v1',
  topic: Topic.logistics,
  keyedBy: 'movement',
  summary: 'A movement got a new scheduled departure; its children keep their seats.',
  schema: z
    .object({
      movementId: MovementId,
      scheduledDeparture: Timestamp,
      previousDeparture: Timestamp,
      caseIds: CaseIds,
      rescheduledAt: Timestamp,
    })
    .strict(),
});

export const MovementCancelledV1 = defineEvent({
  type: 'movement.cancelled.v1',
  topic: Topic.logistics,
  keyedBy: 'movement',
  summary: 'A movement was cancelled; its assigned cases return to the cleared pool.',
  schema: z
    .object({
      movementId: MovementId,
      reason: z.string().min(1).max(1000).describe('Why the movement was cancelled.'),
      releasedCaseIds: CaseIds,
      cancelledAt: Timestamp,
    })
    .strict(),
});

export const MovementEscortAddedV1 = defineEvent({
  type: 'movement.escort-added.v1',
  topic: Topic.logistics,
  keyedBy: 'movement',
  summary: 'An escort joined a movement.',
  schema: z
    .object({ movementId: MovementId, escortId: z.uuid().describe('Id of the escort on the movement.'), role: EscortRoleSchema, addedAt: Timestamp })
    .strict(),
});

export const MovementEscortRemovedV1 = defineEvent({
  type: 'movement.escort-removed.v1',
  topic: Topic.logistics,
  keyedBy: 'movement',
  summary: 'An escort left a movement.',
  schema: z.object({ movementId: MovementId, escortId: z.uuid().describe('Id of the escort.'), removedAt: Timestamp }).strict(),
});

export const CaseUnassignedV1 = defineEvent({
  type: 'case.unassigned.v1',
  topic: Topic.logistics,
  keyedBy: 'case',
  summary: 'A case lost its seat on a movement and is back in the cleared pool.',
  schema: z
    .object({
      caseId: CaseId,
      movementId: MovementId,
      reason: z.string().min(1).max(1000).describe('Why: unassigned by an officer, no-show, movement cancelled, hold placed.'),
      unassignedAt: Timestamp,
    })
    .strict(),
});

export const CaseBoardedV1 = defineEvent({
  type: 'case.boarded.v1',
  topic: Topic.logistics,
  keyedBy: 'case',
  summary: 'A child boarded the movement.',
  schema: z.object({ caseId: CaseId, movementId: MovementId, boardedAt: Timestamp }).strict(),
});

export const CaseBoardingMissedV1 = defineEvent({
  type: 'case.boarding-missed.v1',
  topic: Topic.logistics,
  keyedBy: 'case',
  summary: 'A child did not board (a no-show); the case returns to the cleared pool.',
  schema: z
    .object({
      caseId: CaseId,
      movementId: MovementId,
      reason: z.string().min(1).max(1000).describe('Why the child did not board.'),
      recordedAt: Timestamp,
    })
    .strict(),
});

export const MovementDepartedV1 = defineEvent({
  type: 'movement.departed.v1',
  topic: Topic.logistics,
  keyedBy: 'movement',
  summary: 'A movement departed with the children who boarded.',
  schema: z.object({ movementId: MovementId, caseIds: CaseIds, departedAt: Timestamp }).strict(),
});

export const MovementArrivedV1 = defineEvent({
  type: 'movement.arrived.v1',
  topic: Topic.logistics,
  keyedBy: 'movement',
  summary: 'A movement arrived at its destination airport.',
  schema: z.object({ movementId: MovementId, caseIds: CaseIds, arrivedAt: Timestamp }).strict(),
});

export const CaseHandedOverV1 = defineEvent({
  type: 'case.handed-over.v1',
  topic: Topic.logistics,
  keyedBy: 'case',
  summary: 'A child was handed over to a guardian or an institution; the journey is closed.',
  schema: z
    .object({
      caseId: CaseId,
      movementId: MovementId,
      receiverKind: z.enum(['guardian', 'institution']).describe('A named guardian or an institution.'),
      guardianId: z.uuid().optional().describe('The candidate guardian who received the child, if one did.'),
      personal: z
        .object({
          name: z.string().min(1).max(200).describe('Name of the guardian or the institution.'),
          relationship: z.string().min(1).max(100).describe('Relationship to the child, or the institution type.'),
          receivingPerson: z.string().min(1).max(200).describe('The person who physically received the child.'),
        })
        .strict()
        .describe('Who received the child: personal data.'),
      handedOverAt: Timestamp,
    })
    .strict(),
});
