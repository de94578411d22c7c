import { Schema } from 'mongoose';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';
import type { MovementState } from '../domain/movement';

/** Who did what to the movement and when; issue 6 replaces the header identity with the token's. */
export interface MovementHistoryEntry {
  action: string;
  by: string;
  at: string;
  caseIds?: string[];
}

export interface MovementRecord extends MovementState {
  history: MovementHistoryEntry[];
}

const movementSchema = new Schema(
  {
    _id: { type: String, required: true },
    programmeId: { type: String, required: true, index: true },
    flight: { type: Schema.Types.Mixed, required: true },
    seats: { type: Number, required: true },
    status: { type: String, required: true, index: true },
    escorts: { type: [Schema.Types.Mixed], default: [] },
    passengers: { type: [Schema.Types.Mixed], default: [] },
    noShows: { type: [Schema.Types.Mixed], default: [] },
    scheduledAt: { type: String, required: true },
    departedAt: String,
    arrivedAt: String,
    cancelledAt: String,
    cancelReason: String,
    releasedCaseIds: { type: [String], default: undefined },
    history: { type: [Schema.Types.Mixed], default: [] },
  },
  { collection: 'movements', versionKey: false },
);

export type MovementModel = AggregateModel<MovementRecord>;

/** Who received each child is sealed with that child's key. */
export const registerMovementModel = aggregateModel<MovementRecord>('Movement', movementSchema, {
  sealedPerChild: [{ array: 'passengers', childKey: 'caseId', field: 'handover' }],
});
