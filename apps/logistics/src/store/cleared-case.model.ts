import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, type OutboxFields } from '@homeward/persistence';

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
clearedCaseSchema.plugin(outboxPlugin);

export type ClearedCaseModel = Model<ClearedCaseRecord & OutboxFields & { _id: string }>;

export function registerClearedCaseModel(connection: Connection): ClearedCaseModel {
  return (
    (connection.models['ClearedCase'] as ClearedCaseModel | undefined) ??
    (connection.model('ClearedCase', clearedCaseSchema) as unknown as ClearedCaseModel)
  );
}
