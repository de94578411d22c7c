import { Schema } from 'mongoose';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';
import type { EscortPolicy, ProgrammeFacts } from '../domain/movement';

/** Logistics' copy of a programme: whether it is active, its escort policy and its participating agencies. */
export interface ProgrammeCopyRecord {
  name: string;
  status: 'active' | 'suspended';
  suspendedReason: string | null;
  escortPolicy: EscortPolicy;
  /** Whose people may act on the programme's movements; absent for a programme from before the lists: operators only until intake's repair sets it (libs/auth agency-policy). */
  participatingAgencies?: string[];
}

const programmeCopySchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    status: { type: String, required: true },
    suspendedReason: { type: String, default: null },
    escortPolicy: { type: Schema.Types.Mixed, required: true },
    participatingAgencies: { type: [String], default: undefined },
  },
  { collection: 'programme_copies', versionKey: false },
);

export type ProgrammeCopyModel = AggregateModel<ProgrammeCopyRecord>;

export const registerProgrammeCopyModel = aggregateModel<ProgrammeCopyRecord>('ProgrammeCopy', programmeCopySchema);

export function programmeFacts(record: (ProgrammeCopyRecord & { _id: string }) | null): ProgrammeFacts | null {
  if (!record) return null;
  return {
    programmeId: record._id,
    status: record.status,
    escortPolicy: record.escortPolicy,
    ...(record.suspendedReason ? { suspendedReason: record.suspendedReason } : {}),
  };
}
