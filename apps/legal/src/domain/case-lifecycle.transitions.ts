import type { EventData, LegalFileOpenedV1, RequirementCode } from '@homeward/contracts';
import { LegalFileStatus, RequirementStatus, withStatus, type LegalFileState } from './legal-file.state';

/** The local copy legal keeps of a programme: its checklist (suspension does not stop legal work). */
export interface ProgrammeChecklist {
  readonly programmeId: string;
  readonly requirements: readonly RequirementCode[];
}

export interface RegisteredCase {
  readonly caseId: string;
  readonly programmeId: string;
  readonly destinationState: string;
}

/** A registered case gets its programme's checklist, every requirement pending. */
export function openFile(
  registered: RegisteredCase,
  programme: ProgrammeChecklist,
  causedBy: string,
  now: Date,
): { state: LegalFileState; event: EventData<typeof LegalFileOpenedV1> } {
  const openedAt = now.toISOString();
  const requirements = [...programme.requirements];
  return {
    state: {
      ...registered,
      status: LegalFileStatus.open,
      openedAt,
      requirements: requirements.map((code) => ({ code, status: RequirementStatus.pending, evidence: [], decisions: [] })),
      holds: [],
      statusHistory: [{ status: LegalFileStatus.open, at: openedAt, by: causedBy }],
    },
    event: { caseId: registered.caseId, openedAt, requirements },
  };
}

export interface CloseFile {
  readonly reason: 'withdrawn' | 'merged';
  readonly survivorCaseId?: string;
  readonly at: string;
  readonly by: string;
}

/**
 * A withdrawn or merged-away case's file is closed: no further decisions.
 * Undefined when there is nothing to change (already ended), so a
 * redelivered event is a no-op.
 */
export function closeFile(file: LegalFileState, command: CloseFile): LegalFileState | undefined {
  if (file.status === LegalFileStatus.closed || file.status === LegalFileStatus.rejected) return undefined;
  const note = command.reason === 'merged' ? `merged into case ${command.survivorCaseId}` : 'case withdrawn';
  return {
    ...file,
    ...withStatus(file, { status: LegalFileStatus.closed, at: command.at, by: command.by, note }),
    closure: { reason: command.reason, ...(command.survivorCaseId ? { survivorCaseId: command.survivorCaseId } : {}), closedAt: command.at },
  };
}

/** Logistics says the child boarded: from then on no hold may be placed. Undefined when already known. */
export function markBoarded(file: LegalFileState, boardedAt: string): LegalFileState | undefined {
  return file.boardedAt ? undefined : { ...file, boardedAt };
}
