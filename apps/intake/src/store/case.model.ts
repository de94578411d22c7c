import { Schema } from 'mongoose';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';
import type { CaseRecord } from '../domain/case';

export type { CaseRecord } from '../domain/case';

const caseSchema = new Schema(
  {
    _id: { type: String, required: true },
    programmeId: { type: String, required: true, index: true },
    originState: { type: String, required: true },
    destinationState: { type: String, required: true, index: true },
    sex: { type: String, required: true },
    requiresMedicalEscort: { type: Boolean, required: true },
    siblingCaseIds: { type: [String], default: [] },
    claimedNationalities: { type: [String], default: [] },
    personal: { type: Schema.Types.Mixed, required: true },
    // Multikey index: a name search is `nameKeys: { $in: keysOfOneToken }` per token.
    nameKeys: { type: [String], index: true },
    facilityKey: { type: String, required: true, index: true },
    stage: { type: String, required: true, index: true },
    stageHistory: { type: [Schema.Types.Mixed], default: [] },
    stageFacts: { type: [Schema.Types.Mixed], default: [] },
    registeredAt: { type: String, required: true },
    registeredBy: { type: String, required: true },
    updatedAt: { type: String, required: true },
    updatedBy: { type: String, required: true },
    // Plain (not unique) index: most cases have no reference, and the import
    // enforces uniqueness by its own key (a case's id is derived from its row's).
    importReference: { type: String, index: true },
    // A keyed hash of the registration request that named an Idempotency-Key: a repeat is told from a reuse.
    registrationFingerprint: { type: String },
    withdrawal: { type: Schema.Types.Mixed },
    guardianEmailOptOuts: { type: [Schema.Types.Mixed], default: undefined },
    mergedInto: { type: String },
    erasure: { type: Schema.Types.Mixed },
  },
  { collection: 'cases', versionKey: false },
);
// The list's stable order and its cursor: registration time, then id.
caseSchema.index({ registeredAt: 1, _id: 1 });

export type CaseModel = AggregateModel<CaseRecord>;

/**
 * Registers (once per connection) the model of intake's `cases` collection.
 * The personal part is sealed with the child's key; the name and facility
 * search keys are stored blinded (keyed hashes), and searched the same way.
 * The free-text reason of a withdrawal (it can name the child) is sealed on
 * its own under the same key, while when and by whom stay plain.
 */
export const CASE_SEALED_NESTED_PATHS = ['withdrawal.reason'] as const;

export const registerCaseModel = aggregateModel<CaseRecord>('Case', caseSchema, { sealed: ['personal'], blinded: ['nameKeys', 'facilityKey'], sealedNested: CASE_SEALED_NESTED_PATHS });
