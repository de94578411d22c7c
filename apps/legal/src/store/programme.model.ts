import { Schema, type Connection, type Model } from 'mongoose';
import type { RequirementCode } from '@homeward/contracts';

/** Legal's local copy of a programme: only the checklist its files are opened with. */
export interface ProgrammeRecord {
  _id: string;
  requirements: RequirementCode[];
  /** Whose people may act on the programme's files; absent for a programme from before the lists: operators only until intake's repair sets it (libs/auth agency-policy). */
  participatingAgencies?: string[];
  createdAt: string;
}

const programmeSchema = new Schema<ProgrammeRecord>(
  {
    _id: { type: String, required: true },
    requirements: { type: [String], required: true },
    participatingAgencies: { type: [String], default: undefined },
    createdAt: { type: String, required: true },
  },
  { collection: 'programmes', versionKey: false },
);

export type ProgrammeModel = Model<ProgrammeRecord>;

export function registerProgrammeModel(connection: Connection): ProgrammeModel {
  return (connection.models['LegalProgramme'] as ProgrammeModel | undefined) ?? connection.model<ProgrammeRecord>('LegalProgramme', programmeSchema);
}
