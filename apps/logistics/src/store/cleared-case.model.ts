import { Schema } from 'mongoose';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';

/** Logistics' own copy of what legal decided: which cases may travel. */
export interface ClearedCaseRecord {
  programmeId: string;
  destinationState: string;
  clearedAt: string;
}

const clearedCaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    programmeId: { type: String, required: true },
    destinationState: { type: String, required: true },
    clearedAt: { type: String, required: true },
  },
  { collection: 'cleared_cases', versionKey: false },
);

export type ClearedCaseModel = AggregateModel<ClearedCaseRecord>;

export const registerClearedCaseModel = aggregateModel<ClearedCaseRecord>('ClearedCase', clearedCaseSchema);
