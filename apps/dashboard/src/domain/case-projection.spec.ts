import fc from 'fast-check';
import type { CaseFact } from './case-fact';
import { applyCaseChange, contributionOf, emptyCase, type CaseChange, type CaseState } from './case-projection';
import { counterDelta } from './counter-delta';

const MOVEMENT = '00000000-0000-4000-8000-0000000000aa';
const registered = (at: string): CaseChange => ({
  kind: 'snapshot',
  version: 1,
  programmeId: 'iq-ru-2019',
  destinationState: 'RU',
  requiresMedicalEscort: false,
  fact: { kind: 'registered', eventId: 'e-reg', at },
});
const fact = (f: CaseFact): CaseChange => ({ kind: 'fact', fact: f });
const journey: CaseChange[] = [
  registered('2019-07-01T10:00:00Z'),
  fact({ kind: 'legal-file-opened', eventId: 'e-open', at: '2019-07-01T11:00:00Z' }),
  fact({ kind: 'cleared', eventId: 'e-clear', at: '2019-07-03T11:00:00Z' }),
  fact({ kind: 'assigned', eventId: 'e-assign', at: '2019-07-04T11:00:00Z', movementId: MOVEMENT }),
  fact({ kind: 'boarded', eventId: 'e-board', at: '2019-07-10T06:00:00Z', movementId: MOVEMENT }),
  fact({ kind: 'arrived', eventId: 'e-arrive', at: '2019-07-10T10:00:00Z', movementId: MOVEMENT }),
  fact({ kind: 'handed-over', eventId: 'e-hand', at: '2019-07-10T12:00:00Z', movementId: MOVEMENT }),
];
const replay = (changes: readonly CaseChange[], from: CaseState = emptyCase()) => changes.reduce(applyCaseChange, from);
/** A case's counters as paths inside its programme's branch, having checked that every one is in that branch. */
const counted = (state: CaseState): Record<string, number> => {
  const prefix = `programmes.${state.programmeId ?? '_unknown'}.`;
  const all = contributionOf(state);
  expect(Object.keys(all).filter((path) => !path.startsWith(prefix))).toEqual([]);
  return Object.fromEntries(Object.entries(all).map(([path, n]) => [path.slice(prefix.length), n]));
};

describe('a case in the read model', () => {
  it('counts once in the stage it has reached, under its destination', () => {
    expect(counted(replay(journey.slice(0, 3)))).toMatchObject({ 'stage.RU.cleared': 1 });
    const done = counted(replay(journey));
    expect(Object.entries(done).filter(([path]) => path.startsWith('stage.'))).toEqual([['stage.RU.handed-over', 1]]);
    expect(done['returns.2019-07-10']).toBe(1);
  });

  it('moves its count from one stage to the next: the delta takes one out and puts one in', () => {
    const before = counted(replay(journey.slice(0, 2)));
    const after = counted(replay(journey.slice(0, 3)));
    expect(counterDelta(before, after)).toEqual({
      'stage.RU.in-legal-review': -1,
      'stage.RU.cleared': 1,
      'stageMs.in-legal-review': 2 * 24 * 3_600_000,
      'stageExits.in-legal-review': 1,
    });
  });

  it('adds up the time spent in each stage it has left', () => {
    const counters = counted(replay(journey));
    expect(counters['stageMs.registered']).toBe(3_600_000);
    expect(counters['stageMs.cleared']).toBe(24 * 3_600_000);
    expect(counters['stageMs.boarded']).toBe(4 * 3_600_000);
    expect(counters['stageExits.arrived']).toBe(1);
    expect(counters['stageExits.handed-over']).toBeUndefined();
  });

  it('changes nothing when the same event is applied again (a redelivery)', () => {
    const once = replay(journey);
    const twice = replay(journey, once);
    expect(twice.facts).toHaveLength(once.facts.length);
    expect(counterDelta(counted(once), counted(twice))).toEqual({});
  });

  it('reaches the same counters whatever order the topics deliver in', () => {
    const shuffled = [journey[5]!, journey[2]!, journey[6]!, journey[0]!, journey[4]!, journey[1]!, journey[3]!];
    expect(counted(replay(shuffled))).toEqual(counted(replay(journey)));
  });

  it('passes through every stage when events of one instant arrive in any order', () => {
    const instant = '2019-07-10T12:00:00Z';
    const late = [
      journey[0]!,
      fact({ kind: 'handed-over', eventId: 'x-hand', at: instant, movementId: MOVEMENT }),
      fact({ kind: 'arrived', eventId: 'x-arrive', at: instant, movementId: MOVEMENT }),
      fact({ kind: 'boarded', eventId: 'x-board', at: instant, movementId: MOVEMENT }),
      fact({ kind: 'assigned', eventId: 'x-assign', at: instant, movementId: MOVEMENT }),
    ];
    expect(counted(replay(late))).toMatchObject({ 'stageExits.assigned': 1, 'stageExits.boarded': 1, 'stageExits.arrived': 1 });
  });

  it('puts a held case on hold, counts the hold by category, and returns it to its stage when lifted', () => {
    const held = replay([...journey.slice(0, 3), fact({ kind: 'hold-placed', eventId: 'e-h', at: '2019-07-03T12:00:00Z', holdId: 'h1', category: 'security' })]);
    expect(counted(held)).toMatchObject({ 'stage.RU.on-hold': 1, 'holds.security': 1 });
    const lifted = applyCaseChange(held, fact({ kind: 'hold-lifted', eventId: 'e-l', at: '2019-07-03T15:00:00Z', holdId: 'h1' }));
    const counters = counted(lifted);
    expect(counters).toMatchObject({ 'stage.RU.cleared': 1, 'stageMs.on-hold': 3 * 3_600_000 });
    expect(counters['holds.security']).toBeUndefined();
  });

  it('goes back to cleared when a child misses boarding', () => {
    const missed = replay([
      ...journey.slice(0, 4),
      fact({ kind: 'boarding-missed', eventId: 'e-miss', at: '2019-07-10T06:30:00Z', movementId: MOVEMENT }),
    ]);
    expect(counted(missed)).toMatchObject({ 'stage.RU.cleared': 1 });
  });

  it('keeps every count under the case programme, and moves them all when intake moves the case to another programme', () => {
    const state = replay(journey.slice(0, 3));
    expect(Object.keys(contributionOf(state)).every((path) => path.startsWith('programmes.iq-ru-2019.'))).toBe(true);
    const moved = applyCaseChange(state, { kind: 'snapshot', version: 3, programmeId: 'sy-ru-2019', destinationState: 'RU', requiresMedicalEscort: false });
    expect(counterDelta(contributionOf(state), contributionOf(moved))).toMatchObject({ 'programmes.iq-ru-2019.stage.RU.cleared': -1, 'programmes.sy-ru-2019.stage.RU.cleared': 1 });
  });

  it('moves between destinations when intake corrects the case, and ignores an older snapshot', () => {
    const state = replay(journey.slice(0, 2));
    const corrected = applyCaseChange(state, { kind: 'snapshot', version: 3, programmeId: 'iq-ru-2019', destinationState: 'KZ', requiresMedicalEscort: true });
    expect(counterDelta(counted(state), counted(corrected))).toEqual({ 'stage.RU.in-legal-review': -1, 'stage.KZ.in-legal-review': 1 });
    const stale = applyCaseChange(corrected, { kind: 'snapshot', version: 2, programmeId: 'p', destinationState: 'RU', requiresMedicalEscort: false });
    expect(stale.destinationState).toBe('KZ');
  });

  it('counts e-mails sent and failed per milestone, and a case known only from its e-mails in no stage', () => {
    const mails = replay([
      fact({ kind: 'email-sent', eventId: 'm1', at: '2019-07-04T12:00:00Z', milestone: 'assigned' }),
      fact({ kind: 'email-failed', eventId: 'm2', at: '2019-07-04T12:00:00Z', milestone: 'assigned' }),
    ]);
    expect(counted(mails)).toEqual({ 'emails.sent.assigned': 1, 'emails.failed.assigned': 1 });
  });

  it('counts the stage of a case whose registration has not arrived yet under an unknown programme and destination', () => {
    const early = replay([journey[1]!]);
    expect(contributionOf(early)).toEqual({ 'programmes._unknown.stage.unknown.in-legal-review': 1 });
    const later = applyCaseChange(early, journey[0]!);
    expect(counterDelta(contributionOf(early), contributionOf(later))).toMatchObject({
      'programmes._unknown.stage.unknown.in-legal-review': -1,
      'programmes.iq-ru-2019.stage.RU.in-legal-review': 1,
    });
  });

  it('stores the same case whatever order the topics deliver its events in (a rebuild replays them in another)', () => {
    const inOrder = JSON.stringify(replay(journey));
    fc.assert(
      fc.property(fc.shuffledSubarray(journey, { minLength: journey.length, maxLength: journey.length }), (delivered) => {
        expect(JSON.stringify(replay(delivered))).toBe(inOrder);
      }),
      { seed: 20261127, numRuns: 200 },
    );
  });
});
