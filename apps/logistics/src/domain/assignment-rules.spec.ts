import { AT, child, escort, escorts, factsOf, INFANT, movement, programme } from '../test-support/movement.fixtures';
import { allocateSeats, assignCases, assignmentViolations, type AssignmentRequest } from './assignment-rules';
import { CaseStanding } from './case-facts';
import { PassengerStatus, type Passenger } from './movement';
import { RulesViolatedError } from './rule-violations.error';

const seated = (n: number, seat: number): Passenger => ({ caseId: child(n).caseId, seat, status: PassengerStatus.assigned, assignedAt: AT });

const request = (over: Partial<AssignmentRequest> = {}): AssignmentRequest => ({
  movement: movement(),
  programme: programme(),
  caseIds: [child(1).caseId],
  cases: factsOf(child(1)),
  assignedAt: AT,
  ...over,
});

const rulesOf = (r: AssignmentRequest) => assignmentViolations(r).map((v) => v.rule);

describe('assignment rules', () => {
  it('seats cleared cases in request order on the first free seats', () => {
    const { added, passengers } = assignCases(
      request({ movement: movement({ passengers: [seated(9, 1), seated(8, 3)] }), caseIds: [child(1).caseId, child(2).caseId], cases: factsOf(child(1), child(2), child(8), child(9)) }),
    );
    expect(added.map((p) => [p.caseId, p.seat])).toEqual([
      [child(1).caseId, 2],
      [child(2).caseId, 4],
    ]);
    expect(passengers).toHaveLength(4);
  });

  it('allocates no seat twice', () => {
    expect(allocateSeats(3, [seated(1, 2)], ['a', 'b'])).toEqual([1, 3]);
  });

  it.each([
    ['movement-open', request({ movement: movement({ status: 'departed' }) })],
    ['movement-open', request({ movement: movement({ status: 'cancelled' }) })],
    ['programme-active', request({ programme: programme({ status: 'suspended', suspendedReason: 'security review' }) })],
    ['programme-active', request({ programme: null })],
    ['case-cleared', request({ cases: factsOf(child(1, { standing: CaseStanding.notCleared })) })],
    ['case-cleared', request({ cases: factsOf(child(1, { standing: CaseStanding.out, note: 'rejected' })) })],
    ['case-cleared', request({ cases: factsOf(child(1, { standing: CaseStanding.assignedElsewhere })) })],
    ['case-cleared', request({ cases: factsOf(child(1, { standing: CaseStanding.travelled })) })],
    ['case-cleared', request({ cases: new Map() })],
    ['case-cleared', request({ movement: movement({ passengers: [seated(1, 1)] }) })],
    ['same-programme', request({ cases: factsOf(child(1, { programmeId: 'other-programme' })) })],
    ['not-on-hold', request({ cases: factsOf(child(1, { onHold: true })) })],
    ['free-seats', request({ movement: movement({ seats: 1, passengers: [seated(2, 1)] }), cases: factsOf(child(1), child(2)) })],
    ['siblings-together', request({ cases: factsOf(child(1, { siblingCaseIds: [child(2).caseId] }), child(2)) })],
    ['escort-ratio', request({ movement: movement({ escorts: [] }) })],
    ['escort-ratio', request({ movement: movement({ escorts: escorts(1) }), caseIds: [child(1).caseId, child(2).caseId], cases: factsOf(child(1, { birthDate: INFANT }), child(2, { birthDate: INFANT })) })],
    ['medical-escort', request({ cases: factsOf(child(1, { requiresMedicalEscort: true })) })],
  ])('refuses naming %s', (rule, r) => {
    expect(rulesOf(r)).toEqual([rule]);
    expect(() => assignCases(r)).toThrow(RulesViolatedError);
  });

  it('names every failing rule in one refusal, the first as `rule`', () => {
    const r = request({
      movement: movement({ seats: 1, escorts: [], passengers: [seated(5, 1)] }),
      programme: programme({ status: 'suspended' }),
      caseIds: [child(1).caseId, child(2).caseId],
      cases: factsOf(
        child(1, { onHold: true, requiresMedicalEscort: true, siblingCaseIds: [child(3).caseId] }),
        child(2, { standing: CaseStanding.notCleared }),
        child(3),
        child(5),
      ),
    });
    let error: RulesViolatedError | undefined;
    try {
      assignCases(r);
    } catch (e) {
      error = e as RulesViolatedError;
    }
    expect(error?.rule).toBe('programme-active');
    expect(new Set(error?.violations.map((v) => v.rule))).toEqual(
      new Set(['programme-active', 'not-on-hold', 'siblings-together', 'case-cleared', 'free-seats', 'escort-ratio', 'medical-escort']),
    );
    expect(error?.violations.find((v) => v.rule === 'not-on-hold')?.caseId).toBe(child(1).caseId);
  });

  describe('siblings together', () => {
    const sisters = [child(1, { siblingCaseIds: [child(2).caseId] }), child(2, { siblingCaseIds: [child(1).caseId] })];

    it('accepts siblings in one request', () => {
      expect(rulesOf(request({ caseIds: [child(1).caseId, child(2).caseId], cases: factsOf(...sisters) }))).toEqual([]);
    });

    it('accepts a child whose sibling is already on this movement', () => {
      expect(rulesOf(request({ movement: movement({ passengers: [seated(2, 1)] }), cases: factsOf(...sisters) }))).toEqual([]);
    });

    it('is not blocked by a sibling legal has not cleared, or who left the programme', () => {
      expect(rulesOf(request({ cases: factsOf(sisters[0]!, child(2, { standing: CaseStanding.notCleared })) }))).toEqual([]);
      expect(rulesOf(request({ cases: factsOf(sisters[0]!, child(2, { standing: CaseStanding.out })) }))).toEqual([]);
    });

    it('refuses a child whose cleared sibling is seated on another movement, or linked only from the sibling side', () => {
      expect(rulesOf(request({ cases: factsOf(sisters[0]!, child(2, { standing: CaseStanding.assignedElsewhere })) }))).toEqual(['siblings-together']);
      expect(rulesOf(request({ cases: factsOf(child(1), child(2, { siblingCaseIds: [child(1).caseId] })) }))).toEqual(['siblings-together']);
    });
  });

  it('counts the children already on board towards the escort ratio', () => {
    const onBoard = [1, 2, 3, 4, 5].map((n) => seated(n + 10, n));
    const cases = factsOf(child(1), ...[1, 2, 3, 4, 5].map((n) => child(n + 10)));
    expect(rulesOf(request({ movement: movement({ escorts: escorts(1), passengers: onBoard }), cases }))).toEqual(['escort-ratio']);
    expect(rulesOf(request({ movement: movement({ escorts: escorts(2), passengers: onBoard }), cases }))).toEqual([]);
  });

  it('accepts a child needing a medical escort when one is on board', () => {
    expect(rulesOf(request({ movement: movement({ escorts: [escort(1, 'medical')] }), cases: factsOf(child(1, { requiresMedicalEscort: true })) }))).toEqual([]);
  });
});
