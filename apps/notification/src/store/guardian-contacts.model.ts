import { Schema } from 'mongoose';
import type { CaseRegisteredV1Data } from '@homeward/contracts';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';

/** Notification's own copy of whom to write to about a case, and the child's names for the greeting. */
export interface GuardianContactsRecord {
  childNames: CaseRegisteredV1Data['personal']['names'];
  guardians: CaseRegisteredV1Data['personal']['guardians'];
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

/** Sealed with the child's key: the guardians' contacts are the child's family's personal data. */
export const registerGuardianContactsModel = aggregateModel<GuardianContactsRecord>('GuardianContacts', schema, { sealed: ['childNames', 'guardians'] });
