import { z } from 'zod';
import { Flight } from '@homeward/contracts';

export const ScheduleMovementRequest = Flight.extend({
  seats: z.number().int().positive().max(1000).describe('Seats for children.'),
}).strict();

export const MovementIdParams = z.object({ movementId: z.uuid().describe('Id of the movement.') }).strict();

export const AssignCaseRequest = z.object({ caseId: z.uuid().describe('Id of the cleared case to seat.') }).strict();
