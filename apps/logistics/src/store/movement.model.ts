import { Schema, type Connection, type Model } from 'mongoose';
import type { Flight } from '@homeward/contracts';
import { outboxPlugin, type OutboxFields } from '@homeward/persistence';
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
movementSchema.plugin(outboxPlugin);

export type MovementModel = Model<MovementRecord & OutboxFields & { _id: string }>;

export function registerMovementModel(connection: Connection): MovementModel {
  return (
    (connection.models['Movement'] as MovementModel | undefined) ??
    (connection.model('Movement', movementSchema) as unknown as MovementModel)
  );
}
