import { Schema } from 'mongoose';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';

/** A guardian who followed the unsubscribe link of a case: id `<caseId>:<guardianId>`. */
export interface OptOutRecord {
  caseId: string;
  guardianId: string;
  optedOutAt: string;
}

const schema = new Schema(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true, index: true },
    guardianId: { type: String, required: true },
    optedOutAt: { type: String, required: true },
  },
  { collection: 'opt_outs', versionKey: false },
);

export const optOutId = (caseId: string, guardianId: string): string => `${caseId}:${guardianId}`;

export type OptOutModel = AggregateModel<OptOutRecord>;

export const registerOptOutModel = aggregateModel<OptOutRecord>('OptOut', schema);
