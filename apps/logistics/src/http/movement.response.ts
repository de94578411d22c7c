import { z } from 'zod';
import { CaseId, Flight, Timestamp } from '@homeward/contracts';
import type { Snapshot } from '@homeward/persistence';
import type { MovementRecord } from '../store/movement.model';

const Escort = z.object({ escortId: z.uuid(), name: z.string(), role: z.enum(['official', 'medical', 'psychologist', 'carer']) });

const Passenger = z.object({
  caseId: CaseId,
  seat: z.number().int().positive(),
  status: z.enum(['assigned', 'boarded', 'handed-over']).describe('Seated, on board, or handed over at the destination.'),
  assignedAt: Timestamp,
  boardedAt: Timestamp.optional(),
  handover: z
    .object({
      receiverKind: z.enum(['guardian', 'institution']),
      guardianId: z.uuid().optional(),
      name: z.string(),
      relationship: z.string(),
      receivingPerson: z.string(),
      handedOverAt: Timestamp,
    })
    .optional(),
});

export const MovementView = z
  .object({
    movementId: z.uuid(),
    programmeId: z.string(),
    flight: Flight,
    seats: z.number().int(),
    freeSeats: z.number().int(),
    status: z.enum(['scheduled', 'departed', 'arrived', 'cancelled']),
    escorts: z.array(Escort),
    passengers: z.array(Passenger).describe('Children who hold a seat now.'),
    noShows: z.array(z.object({ caseId: CaseId, reason: z.string(), recordedAt: Timestamp })),
    scheduledAt: Timestamp,
    departedAt: Timestamp.optional(),
    arrivedAt: Timestamp.optional(),
    cancelledAt: Timestamp.optional(),
    cancelReason: z.string().optional(),
    releasedCaseIds: z.array(CaseId).optional().describe('Children released by the cancellation.'),
    version: z.number().int().describe('Also the ETag; send it in If-Match to change the movement only if unchanged.'),
  })
  .describe('A movement (a flight home) with its escorts and children.');

export const MovementList = z.object({ movements: z.array(MovementView) });

export const AssignmentView = z.object({
  movementId: z.uuid(),
  assigned: z.array(z.object({ caseId: CaseId, seat: z.number().int().positive() })),
  freeSeats: z.number().int(),
});

export const CaseLogisticsView = z
  .object({
    caseId: CaseId,
    programmeId: z.string(),
    cleared: z.boolean().describe('Legal cleared the case.'),
    onHold: z.boolean(),
    exit: z.enum(['rejected', 'withdrawn', 'merged']).nullable().describe('Why the case left the programme, if it did.'),
    inClearedPool: z.boolean().describe('Cleared, not out, and on no movement: may be assigned (if not on hold).'),
    movementId: z.uuid().nullable().describe('The movement that seats the child now.'),
    passengerStatus: z.enum(['assigned', 'boarded', 'handed-over']).nullable(),
  })
  .describe("Logistics' view of a case: no personal data.");

export function movementView(movement: Snapshot<MovementRecord>): z.infer<typeof MovementView> {
  const { _id, history: _history, version, ...state } = movement;
  return { movementId: _id, ...state, freeSeats: state.seats - state.passengers.length, version };
}
