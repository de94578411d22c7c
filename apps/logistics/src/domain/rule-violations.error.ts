import { HomewardError } from '@homeward/errors';

/** The rules a movement command can break; each refusal names them. */
export const AssignmentRule = {
  programmeActive: 'programme-active',
  caseCleared: 'case-cleared',
  sameProgramme: 'same-programme',
  notOnHold: 'not-on-hold',
  freeSeats: 'free-seats',
  siblingsTogether: 'siblings-together',
  escortRatio: 'escort-ratio',
  medicalEscort: 'medical-escort',
  movementOpen: 'movement-open',
  knownGuardian: 'known-guardian',
} as const;
export type AssignmentRule = (typeof AssignmentRule)[keyof typeof AssignmentRule];

export interface Violation {
  rule: AssignmentRule;
  caseId?: string;
  message: string;
}

/**
 * 422 naming every failing rule at once, so an officer fixes them in one go:
 * `rule` is the first (what a client that reads one rule expects, like
 * RuleViolationError's), `violations` all of them.
 */
export class RulesViolatedError extends HomewardError {
  readonly status = 422;
  readonly code = 'rule-violated';
  readonly retriable = false;

  constructor(readonly violations: readonly Violation[]) {
    if (violations.length === 0) throw new Error('RulesViolatedError needs at least one violation');
    super(violations.map((v) => v.message).join('; '), { rule: violations[0]!.rule, violations });
  }

  get rule(): AssignmentRule {
    return this.violations[0]!.rule;
  }
}

/** Throws when anything failed; the one way domain functions refuse on rules. */
export function refuseIfAny(violations: readonly Violation[]): void {
  if (violations.length > 0) throw new RulesViolatedError(violations);
}
