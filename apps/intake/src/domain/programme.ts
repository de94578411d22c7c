import { ConflictError } from '@homeward/errors';
import { ProgrammeStatus, type ProgrammeDefinition } from '@homeward/contracts';

/** A programme as intake keeps it: its definition, its status and who changed it. */
export interface ProgrammeRecord extends Omit<ProgrammeDefinition, 'programmeId'> {
  status: ProgrammeStatus;
  createdAt: string;
  createdBy: string;
  /** Present while suspended: why, since when, by whom. */
  suspension?: { reason: string; at: string; by: string } | null;
  resumedAt?: string;
}

export function newProgramme(definition: ProgrammeDefinition, now: Date, by: string): ProgrammeRecord {
  const { programmeId: _id, ...rest } = definition;
  return { ...rest, status: ProgrammeStatus.active, createdAt: now.toISOString(), createdBy: by };
}

/** Suspension stops new movement assignments (logistics); only an active programme can be suspended. */
export function suspendProgramme(
  programmeId: string,
  current: ProgrammeRecord,
  reason: string,
  now: Date,
  by: string,
): Pick<ProgrammeRecord, 'status' | 'suspension'> {
  if (current.status === ProgrammeStatus.suspended) {
    throw new ConflictError(`programme ${programmeId} is already suspended (${current.suspension?.reason ?? 'no reason recorded'})`);
  }
  return { status: ProgrammeStatus.suspended, suspension: { reason, at: now.toISOString(), by } };
}

export function resumeProgramme(
  programmeId: string,
  current: ProgrammeRecord,
  now: Date,
): Pick<ProgrammeRecord, 'status' | 'suspension' | 'resumedAt'> {
  if (current.status === ProgrammeStatus.active) {
    throw new ConflictError(`programme ${programmeId} is active: only a suspended programme can be resumed`);
  }
  return { status: ProgrammeStatus.active, suspension: null, resumedAt: now.toISOString() };
}

export function programmeDefinition(programmeId: string, record: ProgrammeRecord): ProgrammeDefinition {
  return {
    programmeId,
    name: record.name,
    originState: record.originState,
    destinationState: record.destinationState,
    eligibility: record.eligibility,
    escortPolicy: record.escortPolicy,
    requirements: record.requirements,
  };
}
