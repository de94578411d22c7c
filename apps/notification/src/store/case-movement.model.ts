import { Schema } from 'mongoose';
import type { Flight } from '@homeward/contracts';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';

/** Notification's copy of the movement a case is on: what the flight e-mails need (number, airports, time, meeting point). */
export interface CaseMovementRecord {
  movementId: string;
  flight: Flight;
  /** Set when the movement was cancelled: the case has no seat until it is assigned again. */
  cancelled?: boolean;
}

const schema = new Schema(
  {
    _id: { type: String, required: true },
    movementId: { type: String, required: true },
    flight: { type: Schema.Types.Mixed, required: true },
    cancelled: { type: Boolean },
  },
  { collection: 'case_movements', versionKey: false },
);

export type CaseMovementModel = AggregateModel<CaseMovementRecord>;

export const registerCaseMovementModel = aggregateModel<CaseMovementRecord>('CaseMovement', schema);
