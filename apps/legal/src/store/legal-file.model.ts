import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, type OutboxFields } from '@homeward/persistence';
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
legalFileSchema.plugin(outboxPlugin);

export type LegalFileModel = Model<LegalFileRecord & OutboxFields & { _id: string }>;

export function registerLegalFileModel(connection: Connection): LegalFileModel {
  return (
    (connection.models['LegalFile'] as LegalFileModel | undefined) ??
    (connection.model('LegalFile', legalFileSchema) as unknown as LegalFileModel)
  );
}
