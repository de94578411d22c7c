import fc from 'fast-check';
import { AT, caseIdOf, child, DEPARTURE, escort, INFANT, movement, OLDER_CHILD, policy, programme } from '../test-support/movement.fixtures';
import { assignCases, type AssignmentRequest } from './assignment-rules';
import { CaseStanding, type CaseFacts } from './case-facts';
import { isInfant } from './infant-age';
import { PassengerStatus, type EscortRole, type MovementStatus } from './movement';
import { RulesViolatedError, type AssignmentRule } from './rule-violations.error';

/**
 * Random movements, programmes and pools of cases, each case either
 * requested, already on board, or elsewhere. The rules are checked against an
 * oracle written independently from the spec's wording.
 */
const scenario = fc
  .record({
    size: fc.integer({ min: 1, max: 8 }),
    where: fc.array(fc.constantFrom('request', 'onBoard', 'elsewhere'), { minLength: 8, maxLength: 8 }),
    standing: fc.array(fc.constantFrom(...Object.values(CaseStanding)), { minLength: 8, maxLength: 8 }),
    onHold: fc.array(fc.integer({ min: 0, max: 6 }).map((n) => n === 0), { minLength: 8, maxLength: 8 }),
    infant: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    medical: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    otherProgramme: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    siblings: fc.array(fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 2 }), { minLength: 8, maxLength: 8 }),
    extraSeats: fc.integer({ min: 0, max: 5 }),
    escortRoles: fc.array(fc.constantFrom<EscortRole>('official', 'medical', 'psychologist', 'carer'), { maxLength: 5 }),
    programmeStatus: fc.constantFrom('active', 'active', 'active', 'suspended', 'unknown'),
    movementStatus: fc.constantFrom<MovementStatus>('scheduled', 'scheduled', 'scheduled', 'departed', 'cancelled'),
    childrenPerEscort: fc.integer({ min: 1, max: 6 }),
    infantsPerEscort: fc.integer({ min: 1, max: 3 }),
  })
  .map((s): AssignmentRequest => {
    const indexes = Array.from({ length: s.size }, (_, i) => i);
    const cases: CaseFacts[] = indexes.map((i) =>
      child(i + 1, {
        // Most cases cleared, so that accepted assignments are common too.
        standing: i % 2 === 0 ? CaseStanding.cleared : s.standing[i]!,
        onHold: s.onHold[i]!,
        birthDate: s.infant[i] ? INFANT : OLDER_CHILD,
        requiresMedicalEscort: s.medical[i]! && i % 3 === 0,
        programmeId: s.otherProgramme[i] && i % 4 === 3 ? 'other-programme' : programme().programmeId,
        siblingCaseIds: s.siblings[i]!.filter((j) => j < s.size && j !== i).map((j) => caseIdOf(j + 1)),
      }),
    );
    // At least one case is requested: the first one if the draw requested none.
    const where = indexes.map((i) => (i === 0 && !s.where.slice(0, s.size).includes('request') ? 'request' : s.where[i]));
    const requested = indexes.filter((i) => where[i] === 'request').map((i) => caseIdOf(i + 1));
    const onBoard = indexes.filter((i) => where[i] === 'onBoard').map((i) => caseIdOf(i + 1));
    return {
      movement: movement({
        status: s.movementStatus,
        seats: Math.max(1, onBoard.length + s.extraSeats),
        escorts: s.escortRoles.map((role, i) => escort(i + 1, role)),
        passengers: onBoard.map((caseId, i) => ({ caseId, seat: i + 1, status: PassengerStatus.assigned, assignedAt: AT })),
      }),
      programme:
        s.programmeStatus === 'unknown'
          ? null
          : programme({ status: s.programmeStatus as 'active' | 'suspended', escortPolicy: { ...policy, childrenPerEscort: s.childrenPerEscort, infantsPerEscort: s.infantsPerEscort } }),
      caseIds: requested,
      cases: new Map(cases.map((c) => [c.caseId, c])),
      assignedAt: AT,
    };
  });

/** Which rules the request breaks, computed without the implementation. */
function oracle(r: AssignmentRequest): Set<AssignmentRule> {
  const broken = new Set<AssignmentRule>();
  const onBoard = r.movement.passengers.map((p) => p.caseId);
  const all = [...r.cases.values()];
  if (r.movement.status !== 'scheduled') broken.add('movement-open');
  if (r.programme?.status !== 'active') broken.add('programme-active');
  for (const id of r.caseIds) {
    const c = r.cases.get(id)!;
    if (c.standing !== 'cleared') broken.add('case-cleared');
    if (c.programmeId !== r.movement.programmeId) broken.add('same-programme');
    if (c.onHold) broken.add('not-on-hold');
    const siblings = all.filter((s) => s.caseId !== id && (c.siblingCaseIds.includes(s.caseId) || s.siblingCaseIds.includes(id)));
    const split = siblings.some(
      (s) => !r.caseIds.includes(s.caseId) && !onBoard.includes(s.caseId) && (s.standing === 'cleared' || s.standing === 'assigned-elsewhere'),
    );
    if (split) broken.add('siblings-together');
  }
  if (onBoard.length + r.caseIds.length > r.movement.seats) broken.add('free-seats');
  if (r.programme) {
    const children = [...onBoard, ...r.caseIds].map((id) => r.cases.get(id)!);
    const { childrenPerEscort, infantsPerEscort, infantAgeMonths } = r.programme.escortPolicy;
    const infants = children.filter((c) => isInfant(c.birthDate, infantAgeMonths, DEPARTURE)).length;
    const count = r.movement.escorts.length;
    if (count * childrenPerEscort < children.length || count * infantsPerEscort < infants) broken.add('escort-ratio');
    if (children.some((c) => c.requiresMedicalEscort) && !r.movement.escorts.some((e) => e.role === 'medical')) broken.add('medical-escort');
  }
  return broken;
}

const attempt = (r: AssignmentRequest) => {
  try {
    return { accepted: assignCases(r) };
  } catch (error) {
    if (!(error instanceof RulesViolatedError)) throw error;
    return { refused: error };
  }
};

describe('assignment rules, property-based', () => {
  it('refuses exactly when a rule fails, naming every failing rule', () => {
    fc.assert(
      fc.property(scenario, (r) => {
        const expected = oracle(r);
        const outcome = attempt(r);
        const named = new Set(outcome.refused?.violations.map((v) => v.rule) ?? []);
        expect(named).toEqual(expected);
        expect(outcome.refused?.rule).toBe(outcome.refused?.violations[0]?.rule);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts often enough for the other properties to mean something', () => {
    const accepted = fc.sample(scenario, { numRuns: 1000, seed: 42 }).filter((r) => attempt(r).accepted).length;
    expect(accepted).toBeGreaterThan(50);
  });

  it('never seats more children than seats, nor two on one seat', () => {
    fc.assert(
      fc.property(scenario, (r) => {
        const { accepted } = attempt(r);
        if (!accepted) return;
        const seats = accepted.passengers.map((p) => p.seat);
        expect(accepted.passengers.length).toBeLessThanOrEqual(r.movement.seats);
        expect(new Set(seats).size).toBe(seats.length);
        expect(seats.every((s) => s >= 1 && s <= r.movement.seats)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never splits cleared siblings', () => {
    fc.assert(
      fc.property(scenario, (r) => {
        const { accepted } = attempt(r);
        if (!accepted) return;
        const aboard = new Set(accepted.passengers.map((p) => p.caseId));
        for (const id of r.caseIds) {
          for (const s of r.cases.values()) {
            const linked = s.caseId !== id && (r.cases.get(id)!.siblingCaseIds.includes(s.caseId) || s.siblingCaseIds.includes(id));
            if (linked && s.standing === 'cleared') expect(aboard.has(s.caseId)).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('changes nothing it is given, whether it accepts or refuses', () => {
    fc.assert(
      fc.property(scenario, (r) => {
        const before = structuredClone({ ...r, cases: [...r.cases.entries()] });
        attempt(r);
        expect({ ...r, cases: [...r.cases.entries()] }).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every accepted movement within the escort rules', () => {
    fc.assert(
      fc.property(scenario, (r) => {
        const { accepted } = attempt(r);
        if (!accepted || !r.programme) return;
        const next = { ...r, movement: { ...r.movement, passengers: accepted.passengers } };
        const broken = oracle({ ...next, caseIds: [] });
        expect(broken.has('escort-ratio') || broken.has('medical-escort')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
