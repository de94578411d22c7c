import { Schema } from 'mongoose';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';
import type { LegalFileStatus } from '../domain/legal-file';

export interface LegalFileRecord {
  programmeId: string;
  destinationState: string;
  status: LegalFileStatus;
  requirements: string[];
  openedAt: string;
  approvedBy: string[];
  clearedAt?: string;
}

const legalFileSchema = new Schema(
  {
    _id: { type: String, required: true },
    programmeId: { type: String, required: true },
    destinationState: { type: String, required: true },
    status: { type: String, required: true, index: true },
    requirements: { type: [String], default: [] },
    openedAt: { type: String, required: true },
    approvedBy: { type: [String], default: [] },
    clearedAt: { type: String },
  },
  { collection: 'legal_files', versionKey: false },
);

export type LegalFileModel = AggregateModel<LegalFileRecord>;

export const registerLegalFileModel = aggregateModel<LegalFileRecord>('LegalFile', legalFileSchema);
