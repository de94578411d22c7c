import fc from 'fast-check';
import { CaseStage } from './case-stage';
import { deriveStage, recordStageFact, stageHistoryOf, type StageFact } from './case-stage-facts';

const M1 = '11111111-1111-4111-8111-111111111111';
const M2 = '22222222-2222-4222-8222-222222222222';
const registeredAt = '2019-06-01T00:00:00.000Z';
let clock = 0;
const at = () => new Date(Date.parse(registeredAt) + ++clock * 60_000).toISOString();
let ids = 0;
const fact = (kind: StageFact['kind'], extra: Partial<{ movementId: string; holdId: string }> = {}): StageFact =>
  ({ kind, eventId: `e${++ids}`, at: at(), ...extra }) as StageFact;
const opened = () => fact('legal-file-opened');
const cleared = () => fact('cleared');
const hold = (holdId = 'h1') => fact('hold-placed', { holdId });
const lift = (holdId = 'h1') => fact('hold-lifted', { holdId });
const seat = (kind: 'assigned' | 'unassigned' | 'boarded' | 'boarding-missed' | 'arrived' | 'handed-over', movementId = M1) =>
  fact(kind, { movementId });

/** The stage after applying facts one by one, in the order given. */
const after = (...facts: StageFact[]) => facts.reduce((view, f) => recordStageFact(registeredAt, view.stageFacts, f), { stageFacts: [] as StageFact[], stage: CaseStage.registered as CaseStage, stageHistory: [] as unknown[] }).stage;

describe('case stage, derived from the facts intake learned', () => {
  const inReview = [opened()];
  const isCleared = [...inReview, cleared()];
  const isAssigned = [...isCleared, seat('assigned')];
  const isBoarded = [...isAssigned, seat('boarded')];
  const isArrived = [...isBoarded, seat('arrived')];

  it.each<[string, StageFact[], CaseStage]>([
    ['registered', [], CaseStage.registered],
    ['registered → in-legal-review (legal-file.opened)', inReview, CaseStage.inLegalReview],
    ['in-legal-review → cleared (case.cleared)', isCleared, CaseStage.cleared],
    ['cleared → assigned (case.assigned)', isAssigned, CaseStage.assigned],
    ['assigned → cleared (case.unassigned)', [...isAssigned, seat('unassigned')], CaseStage.cleared],
    ['cleared → assigned again on another movement', [...isAssigned, seat('unassigned'), seat('assigned', M2)], CaseStage.assigned],
    ['assigned → boarded (case.boarded)', isBoarded, CaseStage.boarded],
    ['assigned → cleared (case.boarding-missed)', [...isAssigned, seat('boarding-missed')], CaseStage.cleared],
    ['boarded → arrived (movement.arrived)', isArrived, CaseStage.arrived],
    ['boarded stays boarded when another movement arrives', [...isBoarded, seat('arrived', M2)], CaseStage.boarded],
    ['arrived → closed (case.handed-over)', [...isArrived, seat('handed-over')], CaseStage.closed],
    ['in-legal-review → on-hold', [...inReview, hold()], CaseStage.onHold],
    ['on-hold → in-legal-review when lifted', [...inReview, hold(), lift()], CaseStage.inLegalReview],
    ['cleared → on-hold → cleared', [...isCleared, hold(), lift()], CaseStage.cleared],
    ['cleared → on-hold', [...isCleared, hold()], CaseStage.onHold],
    ['assigned → on-hold', [...isAssigned, hold()], CaseStage.onHold],
    ['on-hold → assigned when lifted', [...isAssigned, hold(), lift()], CaseStage.assigned],
    ['on-hold while one of two holds remains', [...isCleared, hold('h1'), hold('h2'), lift('h1')], CaseStage.onHold],
    ['on-hold → cleared when logistics unassigns the held case and the hold is lifted', [...isAssigned, hold(), seat('unassigned'), lift()], CaseStage.cleared],
    ['a hold does not stop a registered case (not holdable)', [hold()], CaseStage.registered],
    ['a hold does not stop a boarded child (not holdable)', [...isBoarded, hold()], CaseStage.boarded],
    ['in-legal-review → rejected', [...inReview, fact('rejected')], CaseStage.rejected],
    ['on-hold → rejected', [...inReview, hold(), fact('rejected')], CaseStage.rejected],
    ['registered → withdrawn', [fact('withdrawn')], CaseStage.withdrawn],
    ['cleared → withdrawn', [...isCleared, fact('withdrawn')], CaseStage.withdrawn],
    ['in-legal-review → merged', [...inReview, fact('merged')], CaseStage.merged],
    ['withdrawn stays withdrawn whatever legal says later', [fact('withdrawn'), opened(), cleared()], CaseStage.withdrawn],
    ['rejected stays rejected when a hold is lifted', [...inReview, hold(), fact('rejected'), lift()], CaseStage.rejected],
  ])('%s', (_name, facts, stage) => {
    expect(deriveStage(facts)).toBe(stage);
    expect(after(...facts)).toBe(stage);
  });

  describe('out-of-order and duplicate delivery', () => {
    it('does not go back to cleared when case.cleared arrives after case.assigned', () => {
      const [o, c, a] = isAssigned;
      expect(after(o!, a!, c!)).toBe(CaseStage.assigned);
      expect(after(a!, c!, o!)).toBe(CaseStage.assigned);
    });

    it('does not go back to in-legal-review when legal-file.opened arrives last', () => {
      const [o, c] = isCleared;
      expect(after(c!, o!)).toBe(CaseStage.cleared);
    });

    it('reaches arrived when movement.arrived (keyed by movement) overtakes case.boarded: its case list says who flew', () => {
      const [o, c, a, b, arr] = isArrived;
      expect(after(o!, c!, a!, arr!)).toBe(CaseStage.arrived);
      expect(after(o!, c!, a!, arr!, b!)).toBe(CaseStage.arrived);
    });

    it('ignores a redelivered event (same id)', () => {
      const lifted = lift();
      const view = [...isCleared, hold(), lifted].reduce((v, f) => recordStageFact(registeredAt, v, f).stageFacts, [] as StageFact[]);
      const again = recordStageFact(registeredAt, view, lifted);
      expect(again.stageFacts).toHaveLength(view.length);
      expect(again.stage).toBe(CaseStage.cleared);
    });
  });

  describe('stage history', () => {
    it('lists each stage entered with the time of the event that moved it, handover then closed', () => {
      const journey = [...isArrived, seat('handed-over')];
      const history = stageHistoryOf(registeredAt, journey);
      expect(history.map((h) => h.stage)).toEqual([
        'registered',
        'in-legal-review',
        'cleared',
        'assigned',
        'boarded',
        'arrived',
        'handed-over',
        'closed',
      ]);
      expect(history[0]!.at).toBe(registeredAt);
      expect(history[2]!.at).toBe(journey[1]!.at);
      expect(history.at(-2)!.at).toBe(history.at(-1)!.at);
    });

    it('records a hold and its lifting, returning to the stage it interrupted', () => {
      const history = stageHistoryOf(registeredAt, [...isCleared, hold(), lift()]);
      expect(history.map((h) => h.stage)).toEqual(['registered', 'in-legal-review', 'cleared', 'on-hold', 'cleared']);
    });

    it('puts a late fact where it belongs in time', () => {
      const [o, c, a] = isAssigned;
      const history = stageHistoryOf(registeredAt, [a!, o!, c!]);
      expect(history.map((h) => h.stage)).toEqual(['registered', 'in-legal-review', 'cleared', 'assigned']);
    });
  });

  it('gives the same stage and history for any delivery order and any duplicates (property)', () => {
    const journey = [...isAssigned, hold('h9'), lift('h9'), seat('boarded'), seat('arrived'), seat('handed-over')];
    const expectedStage = deriveStage(journey);
    const expectedHistory = stageHistoryOf(registeredAt, journey);
    fc.assert(
      fc.property(fc.shuffledSubarray(journey, { minLength: journey.length, maxLength: journey.length }), fc.array(fc.nat(journey.length - 1), { maxLength: 5 }), (order, dupes) => {
        const deliveries = [...order, ...dupes.map((i) => journey[i]!)];
        const view = deliveries.reduce((facts, f) => recordStageFact(registeredAt, facts, f).stageFacts, [] as StageFact[]);
        expect(deriveStage(view)).toBe(expectedStage);
        expect(stageHistoryOf(registeredAt, view)).toEqual(expectedHistory);
      }),
    );
  });
});
