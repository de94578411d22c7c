/**
 * What the assignment rules need to know of one case, read from logistics'
 * local copies of intake's and legal's events.
 */
export const CaseStanding = {
  /** Legal has not cleared it (yet). */
  notCleared: 'not-cleared',
  /** Rejected, withdrawn or merged into another case: never travels. */
  out: 'out',
  /** Cleared and on no movement: in the cleared pool (a hold is separate). */
  cleared: 'cleared',
  /** Holds a seat on another movement that has not left. */
  assignedElsewhere: 'assigned-elsewhere',
  /** Left on another movement. */
  travelled: 'travelled',
} as const;
export type CaseStanding = (typeof CaseStanding)[keyof typeof CaseStanding];

export interface BirthDateFacts {
  /** YYYY-MM-DD; for an estimate, the first day of the known period. */
  value: string;
  precision: 'day' | 'month' | 'year';
}

export interface CaseFacts {
  caseId: string;
  programmeId: string;
  birthDate: BirthDateFacts;
  requiresMedicalEscort: boolean;
  siblingCaseIds: readonly string[];
  standing: CaseStanding;
  onHold: boolean;
  /** Why the case is out, or which movement holds it; for the refusal message. */
  note?: string;
}
