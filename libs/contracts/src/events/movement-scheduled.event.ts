import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topic } from '../topics';
import { IataCode, MovementId, Timestamp } from '../common';

export const Flight = z
  .object({
    operator: z.string().min(1).max(200).describe('Operator of the flight, e.g. the Emergencies Ministry.'),
    flightNumber: z.string().min(1).max(20).describe('Flight number or call sign.'),
    departureAirport: IataCode,
    arrivalAirport: IataCode,
    scheduledDeparture: Timestamp,
    meetingPoint: z
      .string()
      .min(1)
      .max(300)
      .optional()
      .describe('Where guardians meet the children at the arrival airport, e.g. "Terminal A, arrivals hall, exit 3"; absent until logistics knows it.'),
  })
  .strict()
  .describe('The flight that carries the children home.');
export type Flight = z.infer<typeof Flight>;

export const MovementScheduledV1Data = z
  .object({
    movementId: MovementId,
    programmeId: z.string().min(1).max(100).describe('Programme whose children the movement carries.'),
    flight: Flight,
    seats: z.number().int().positive().max(1000).describe('Seats for children.'),
    scheduledAt: Timestamp,
  })
  .strict();
export type MovementScheduledV1Data = z.infer<typeof MovementScheduledV1Data>;

export const MovementScheduledV1 = defineEvent({
  type: 'movement.scheduled.v1',
  topic: Topic.logistics,
  keyedBy: 'movement',
  summary: 'Logistics scheduled a movement (a flight home) with seats for children.',
  schema: MovementScheduledV1Data,
});
