/** The case lifecycle of DESIGN.md; the walking skeleton uses its first stages. */
export const CaseStage = {
  registered: 'registered',
  inLegalReview: 'in-legal-review',
  cleared: 'cleared',
  assigned: 'assigned',
} as const;
export type CaseStage = (typeof CaseStage)[keyof typeof CaseStage];

const order: readonly CaseStage[] = [CaseStage.registered, CaseStage.inLegalReview, CaseStage.cleared, CaseStage.assigned];

/**
 * Intake follows the other services' decisions. Events of different topics
 * can arrive in any order, so a stage never moves backwards: a late
 * `legal-file.opened` after `case.assigned` changes nothing.
 */
export function advanceStage(current: CaseStage, reached: CaseStage): CaseStage {
  return order.indexOf(reached) > order.indexOf(current) ? reached : current;
}
