import { Schema, type Connection, type Model } from 'mongoose';

/** Notification's copy of who participates in each programme (libs/auth agency-policy), from `programme.created.v1`. */
export interface ProgrammeParticipantsRecord {
  _id: string;
  /** Absent for a programme from before the lists: operators only, until intake's repair sets it (programme.participants-changed.v1). */
  participatingAgencies?: string[];
}

const schema = new Schema<ProgrammeParticipantsRecord>(
  { _id: { type: String, required: true }, participatingAgencies: { type: [String], default: undefined } },
  { collection: 'programme_participants', versionKey: false },
);

export type ProgrammeParticipantsModel = Model<ProgrammeParticipantsRecord>;

export function registerProgrammeParticipantsModel(connection: Connection): ProgrammeParticipantsModel {
  return (connection.models['ProgrammeParticipants'] as ProgrammeParticipantsModel | undefined) ?? connection.model<ProgrammeParticipantsRecord>('ProgrammeParticipants', schema);
}
