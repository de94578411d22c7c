import { Schema } from 'mongoose';
import type { PersonName } from '@homeward/contracts';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';
import type { BirthDateFacts } from '../domain/case-facts';

export const CaseExit = { rejected: 'rejected', withdrawn: 'withdrawn', merged: 'merged' } as const;
export type CaseExit = (typeof CaseExit)[keyof typeof CaseExit];

/**
 * Logistics' own copy of a case, from intake's and legal's events: only what
 * the assignment rules and the manifest need (DESIGN "Architecture": each
 * service keeps the local copy it needs).
 */
export interface CaseCopyRecord {
  programmeId: string;
  sex: string;
  birthDate: BirthDateFacts;
  names: PersonName[];
  guardians: { guardianId: string; name: PersonName; relationship: string }[];
  medicalNeeds: string | null;
  requiresMedicalEscort: boolean;
  siblingCaseIds: string[];
  /** Version of intake's case this copy reflects; an older update is ignored. */
  intakeVersion: number;
  cleared: boolean;
  exit: CaseExit | null;
  exitNote: string | null;
  /** Ids of the holds in force. */
  holds: string[];
  /**
   * The movement that seated the case, written after the movement's own
   * write. The movement is the truth: a claim whose movement does not list
   * the case (a crash between the two writes, an unassignment) is void.
   */
  movementId: string | null;
  /** When the claim was taken: within CLAIM_LEASE_MS it may still be on its way to the movement. */
  claimedAt: string | null;
}

const caseCopySchema = new Schema(
  {
    _id: { type: String, required: true },
    programmeId: { type: String, required: true },
    sex: { type: String, required: true },
    birthDate: { type: Schema.Types.Mixed, required: true },
    names: { type: [Schema.Types.Mixed], default: [] },
    guardians: { type: [Schema.Types.Mixed], default: [] },
    medicalNeeds: { type: String, default: null },
    requiresMedicalEscort: { type: Boolean, required: true },
    siblingCaseIds: { type: [String], default: [], index: true },
    intakeVersion: { type: Number, required: true },
    cleared: { type: Boolean, required: true },
    exit: { type: String, default: null },
    exitNote: { type: String, default: null },
    holds: { type: [String], default: [] },
    movementId: { type: String, default: null },
    claimedAt: { type: String, default: null },
  },
  { collection: 'case_copies', versionKey: false },
);

export type CaseCopyModel = AggregateModel<CaseCopyRecord>;

/** The child's names, birth date, guardians and medical needs are sealed with the child's key. */
export const registerCaseCopyModel = aggregateModel<CaseCopyRecord>('CaseCopy', caseCopySchema, { sealed: ['names', 'birthDate', 'guardians', 'medicalNeeds'] });
