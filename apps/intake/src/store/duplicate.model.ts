import { Schema, type Connection } from 'mongoose';
import { aggregateModel, AggregateStore } from '@homeward/persistence';
import type { DuplicateRecord } from '../domain/duplicate-review';

const duplicateSchema = new Schema(
  {
    _id: { type: String, required: true },
    caseIds: { type: [String], required: true },
    detectedFor: { type: String, required: true },
    score: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true, index: true },
    detectedAt: { type: String, required: true },
    detectedBy: { type: String, required: true },
    confirmation: { type: Schema.Types.Mixed },
    dismissal: { type: Schema.Types.Mixed },
  },
  { collection: 'duplicates', versionKey: false },
);
duplicateSchema.index({ detectedAt: 1, _id: 1 });

export const registerDuplicateModel = aggregateModel<DuplicateRecord>('Duplicate', duplicateSchema);

export const duplicateStore = (connection: Connection) => new AggregateStore<DuplicateRecord>(registerDuplicateModel(connection));
