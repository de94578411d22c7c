import { z } from 'zod';
import { CaseId, Flight, IataCode, ProgrammeId, Timestamp } from '@homeward/contracts';

export const MovementIdParams = z.object({ movementId: z.uuid().describe('Id of the movement.') }).strict();
export const MovementCaseParams = MovementIdParams.extend({ caseId: CaseId }).strict();
export const EscortParams = MovementIdParams.extend({ escortId: z.uuid().describe('Id of the escort on the movement.') }).strict();
export const CaseIdParams = z.object({ caseId: CaseId }).strict();

export const ScheduleMovementRequest = z
  .object({
    programmeId: ProgrammeId,
    operator: Flight.shape.operator,
    flightNumber: Flight.shape.flightNumber,
    departureAirport: IataCode,
    arrivalAirport: IataCode,
    scheduledDeparture: Timestamp,
    meetingPoint: Flight.shape.meetingPoint,
    seats: z.number().int().positive().max(1000).describe('Seats for children.'),
  })
  .strict()
  .refine((m) => m.departureAirport !== m.arrivalAirport, { path: ['arrivalAirport'], message: 'must differ from the departure airport' });

export const ListMovementsQuery = z
  .object({
    programmeId: ProgrammeId.optional(),
    status: z.enum(['scheduled', 'departed', 'arrived', 'cancelled']).optional().describe('Only movements in this state.'),
  })
  .strict();

export const RescheduleRequest = z.object({ scheduledDeparture: Timestamp }).strict();

export const CancelRequest = z.object({ reason: z.string().trim().min(1).max(1000).describe('Why the movement is cancelled.') }).strict();

export const AddEscortRequest = z
  .object({
    name: z.string().trim().min(1).max(200).describe('Name of the escort.'),
    role: z.enum(['official', 'medical', 'psychologist', 'carer']).describe('What the escort does on the movement.'),
  })
  .strict();

export const AssignCasesRequest = z
  .object({
    caseIds: z
      .array(CaseId)
      .min(1)
      .max(1000)
      .refine((ids) => new Set(ids).size === ids.length, 'must not name a case twice')
      .describe('Cleared cases to seat, siblings together; seats are given in this order.'),
  })
  .strict();

export const BoardingRequest = z.discriminatedUnion('status', [
  z.object({ status: z.literal('boarded').describe('The child boarded.') }).strict(),
  z
    .object({
      status: z.literal('no-show').describe('The child did not board; the case returns to the cleared pool.'),
      reason: z.string().trim().min(1).max(1000).describe('Why the child did not board.'),
    })
    .strict(),
]);

export const HandoverRequest = z
  .object({
    receiverKind: z.enum(['guardian', 'institution']).describe('A named guardian or an institution.'),
    guardianId: z.uuid().optional().describe('The candidate guardian of the case who received the child.'),
    name: z.string().trim().min(1).max(200).describe('Name of the guardian or the institution.'),
    relationship: z.string().trim().min(1).max(100).describe('Relationship to the child, or the institution type.'),
    receivingPerson: z.string().trim().min(1).max(200).describe('The person who physically received the child.'),
    handedOverAt: Timestamp.optional().describe('When the child was handed over; now if absent.'),
  })
  .strict()
  .refine((h) => h.receiverKind === 'guardian' || h.guardianId === undefined, {
    path: ['guardianId'],
    message: 'only a guardian handover names a guardianId',
  });
