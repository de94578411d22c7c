import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topic } from '../topics';
import { CaseId, MovementId, Timestamp } from '../common';
import { Flight } from './movement-scheduled.event';

export const CaseAssignedV1Data = z
  .object({
    caseId: CaseId,
    movementId: MovementId,
    seat: z.number().int().positive().describe('Seat number of the child on the movement.'),
    flight: Flight,
    assignedAt: Timestamp,
  })
  .strict();
export type CaseAssignedV1Data = z.infer<typeof CaseAssignedV1Data>;

export const CaseAssignedV1 = defineEvent({
  type: 'case.assigned.v1',
  topic: Topic.logistics,
  keyedBy: 'case',
  summary: 'A cleared case was given a seat on a movement.',
  schema: CaseAssignedV1Data,
});
