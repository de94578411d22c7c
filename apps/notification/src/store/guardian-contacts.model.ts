import { Schema } from 'mongoose';
import type { Language, PersonName, RegisteredGuardian } from '@homeward/contracts';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';

/** Only what an e-mail needs of a guardian: no relationship, telephone or postal address. */
export interface GuardianContact {
  guardianId: string;
  name: PersonName;
  email: string;
  preferredLanguage: Language;
}

/** Notification's own copy of whom to write to about a case, and the child's names for the greeting. */
export interface GuardianContactsRecord {
  /** The case's programme: whose agencies may read its deliveries (absent on a copy from before). */
  programmeId?: string;
  childNames: PersonName[];
  guardians: GuardianContact[];
}

export const contactOf = (g: RegisteredGuardian): GuardianContact => ({
  guardianId: g.guardianId,
  name: g.name,
  email: g.email,
  preferredLanguage: g.preferredLanguage,
});

const schema = new Schema(
  {
    _id: { type: String, required: true },
    programmeId: { type: String },
    childNames: { type: [Schema.Types.Mixed], default: [] },
    guardians: { type: [Schema.Types.Mixed], default: [] },
  },
  { collection: 'guardian_contacts', versionKey: false },
);

export type GuardianContactsModel = AggregateModel<GuardianContactsRecord>;

/** Sealed with the child's key: the guardians' contacts are the child's family's personal data. */
export const registerGuardianContactsModel = aggregateModel<GuardianContactsRecord>('GuardianContacts', schema, { sealed: ['childNames', 'guardians'] });
