import { Schema } from 'mongoose';
import type { CaseRegisteredV1Data } from '@homeward/contracts';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';
import type { CaseStage } from '../domain/case-stage';

export interface CaseRecord {
  programmeId: string;
  originState: string;
  destinationState: string;
  sex: string;
  stage: CaseStage;
  registeredAt: string;
  /** Personal part, kept apart so the privacy layer can encrypt it as a whole. */
  personal: CaseRegisteredV1Data['personal'];
}

const caseSchema = new Schema(
  {
    _id: { type: String, required: true },
    programmeId: { type: String, required: true, index: true },
    originState: { type: String, required: true },
    destinationState: { type: String, required: true },
    sex: { type: String, required: true },
    stage: { type: String, required: true, index: true },
    registeredAt: { type: String, required: true },
    personal: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'cases', versionKey: false },
);

export type CaseModel = AggregateModel<CaseRecord>;

export const registerCaseModel = aggregateModel<CaseRecord>('Case', caseSchema);
