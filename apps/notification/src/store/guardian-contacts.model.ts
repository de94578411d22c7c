import { Schema, type Connection, type Model } from 'mongoose';
import type { CaseRegisteredV1Data } from '@homeward/contracts';
import { outboxPlugin, type OutboxFields } from '@homeward/persistence';

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
schema.plugin(outboxPlugin);

export type GuardianContactsModel = Model<GuardianContactsRecord & OutboxFields & { _id: string }>;

export function registerGuardianContactsModel(connection: Connection): GuardianContactsModel {
  return (
    (connection.models['GuardianContacts'] as GuardianContactsModel | undefined) ??
    (connection.model('GuardianContacts', schema) as unknown as GuardianContactsModel)
  );
}
