import { Schema } from 'mongoose';
import type { CaseRegisteredV2Data } from '@homeward/contracts';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';

/** Notification's own copy of whom to write to about a case, and the child's names for the greeting. */
export interface GuardianContactsRecord {
  childNames: CaseRegisteredV2Data['personal']['names'];
  guardians: CaseRegisteredV2Data['personal']['guardians'];
}

const schema = new Schema(
  {
    _id: { type: String, required: true },
    childNames: { type: [Schema.Types.Mixed], default: [] },
    guardians: { type: [Schema.Types.Mixed], default: [] },
  },
  { collection: 'guardian_contacts', versionKey: false },
);

export type GuardianContactsModel = AggregateModel<GuardianContactsRecord>;

export const registerGuardianContactsModel = aggregateModel<GuardianContactsRecord>('GuardianContacts', schema);
