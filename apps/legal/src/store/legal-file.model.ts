import { Schema } from 'mongoose';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';
import type { LegalFileState } from '../domain/legal-file.state';

/** One document per case (`_id` = case id): the file, its requirements, evidence, decisions and holds. */
export type LegalFileRecord = LegalFileState;

// The nested parts are written whole by the domain's transitions (the store
// writes through the driver, not through mongoose casting), so they are
// declared Mixed; only the fields the list filters on are indexed.
const legalFileSchema = new Schema(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true },
    programmeId: { type: String, required: true, index: true },
    destinationState: { type: String, required: true },
    status: { type: String, required: true, index: true },
    openedAt: { type: String, required: true },
    requirements: { type: [Schema.Types.Mixed], default: [] },
    holds: { type: [Schema.Types.Mixed], default: [] },
    boardedAt: { type: String },
    clearance: { type: Schema.Types.Mixed },
    rejection: { type: Schema.Types.Mixed },
    closure: { type: Schema.Types.Mixed },
    statusHistory: { type: [Schema.Types.Mixed], default: [] },
  },
  { collection: 'legal_files', versionKey: false },
);

export type LegalFileModel = AggregateModel<LegalFileRecord>;

/**
 * The free texts and identifying values of a file, each sealed with the
 * child's key (commits, current state, outbox). What the rules decide on stays
 * plain (requirement codes and statuses, decisions, evidence kinds and ids,
 * hold categories and whether they are lifted), so that the checklist and the
 * holds still block clearance once the child is erased and the texts are gone.
 */
export const LEGAL_FILE_SEALED_PATHS = [
  'requirements.evidence.documentType',
  'requirements.evidence.number',
  'requirements.evidence.issuingAuthority',
  'requirements.evidence.issuedOn',
  'requirements.evidence.laboratory',
  'requirements.evidence.sampleId',
  'requirements.evidence.testedRelative',
  'requirements.decisions.reason',
  'holds.reason',
  'rejection.reason',
  'statusHistory.note',
] as const;

export const registerLegalFileModel = aggregateModel<LegalFileRecord>('LegalFile', legalFileSchema, { sealed: [], sealedNested: LEGAL_FILE_SEALED_PATHS });
