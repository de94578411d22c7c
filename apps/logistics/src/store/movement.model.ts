import { Schema } from 'mongoose';
import type { Flight } from '@homeward/contracts';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';
import type { Seat } from '../domain/assignment';

export interface MovementRecord {
  flight: Flight;
  seats: number;
  assigned: Seat[];
  scheduledAt: string;
}

const movementSchema = new Schema(
  {
    _id: { type: String, required: true },
    flight: { type: Schema.Types.Mixed, required: true },
    seats: { type: Number, required: true },
    assigned: { type: [Schema.Types.Mixed], default: [] },
    scheduledAt: { type: String, required: true },
  },
  { collection: 'movements', versionKey: false },
);

export type MovementModel = AggregateModel<MovementRecord>;

export const registerMovementModel = aggregateModel<MovementRecord>('Movement', movementSchema);
