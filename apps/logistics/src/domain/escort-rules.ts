import type { CaseFacts } from './case-facts';
import { isInfant } from './infant-age';
import type { Escort, EscortPolicy } from './movement';
import { AssignmentRule, type Violation } from './rule-violations.error';

export type ChildOnBoard = Pick<CaseFacts, 'caseId' | 'birthDate' | 'requiresMedicalEscort'>;

export interface EscortNeed {
  children: number;
  infants: number;
  /** Escorts the programme's ratio asks for: the larger of the two ratios. */
  escortsNeeded: number;
}

export function escortNeed(children: readonly ChildOnBoard[], policy: EscortPolicy, departure: string): EscortNeed {
  const infants = children.filter((c) => isInfant(c.birthDate, policy.infantAgeMonths, departure)).length;
  const escortsNeeded = Math.max(Math.ceil(children.length / policy.childrenPerEscort), Math.ceil(infants / policy.infantsPerEscort));
  return { children: children.length, infants, escortsNeeded };
}

/**
 * The programme's escort ratio (e.g. one escort per five children and one per
 * infant) and a medical escort for every child who needs one. Used when
 * children are assigned, when an escort leaves and when the date moves
 * (a child is an infant or not on the departure date).
 */
export function escortViolations(
  children: readonly ChildOnBoard[],
  escorts: readonly Escort[],
  policy: EscortPolicy,
  departure: string,
): Violation[] {
  const violations: Violation[] = [];
  const need = escortNeed(children, policy, departure);
  if (escorts.length < need.escortsNeeded) {
    violations.push({
      rule: AssignmentRule.escortRatio,
      message:
        `${need.children} children (${need.infants} infants) need at least ${need.escortsNeeded} escorts ` +
        `(one per ${policy.childrenPerEscort} children, one per ${policy.infantsPerEscort} infants under ${policy.infantAgeMonths} months); ` +
        `the movement has ${escorts.length}`,
    });
  }
  if (!escorts.some((e) => e.role === 'medical')) {
    for (const child of children.filter((c) => c.requiresMedicalEscort)) {
      violations.push({
        rule: AssignmentRule.medicalEscort,
        caseId: child.caseId,
        message: `case ${child.caseId} requires a medical escort and the movement has none`,
      });
    }
  }
  return violations;
}
