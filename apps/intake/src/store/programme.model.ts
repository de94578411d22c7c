import { Schema } from 'mongoose';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';
import type { ProgrammeRecord } from '../domain/programme';

const programmeSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    originState: { type: String, required: true },
    destinationState: { type: String, required: true },
    eligibility: { type: Schema.Types.Mixed, required: true },
    escortPolicy: { type: Schema.Types.Mixed, required: true },
    requirements: { type: [String], required: true },
    // Absent on a programme from before the lists: closed to all but the operators until repaired at start (programme-participants.repair.ts).
    participatingAgencies: { type: [String], default: undefined },
    status: { type: String, required: true },
    createdAt: { type: String, required: true },
    createdBy: { type: String, required: true },
    suspension: { type: Schema.Types.Mixed },
    resumedAt: { type: String },
  },
  { collection: 'programmes', versionKey: false },
);

export type ProgrammeModel = AggregateModel<ProgrammeRecord>;

export const registerProgrammeModel = aggregateModel<ProgrammeRecord>('Programme', programmeSchema);
