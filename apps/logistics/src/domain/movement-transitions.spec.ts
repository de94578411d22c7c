import { ConflictError, NotFoundError } from '@homeward/errors';
import { AT, caseIdOf, child, escort, escorts, INFANT, movement, policy, programme } from '../test-support/movement.fixtures';
import { MovementStatus, PassengerStatus, type MovementState, type Passenger, type PassengerStatus as Status } from './movement';
import {
  addEscort,
  arrive,
  board,
  cancel,
  depart,
  handOver,
  NOT_BOARDED_AT_DEPARTURE,
  recordNoShow,
  removeEscort,
  reschedule,
  unassign,
} from './movement-transitions';
import { RulesViolatedError } from './rule-violations.error';

const A = caseIdOf(1);
const B = caseIdOf(2);
const passenger = (caseId: string, seat: number, status: Status): Passenger => ({ caseId, seat, status, assignedAt: AT });
const handover = { receiverKind: 'guardian' as const, name: 'Test Guardian', relationship: 'grandmother', receivingPerson: 'Test Guardian', handedOverAt: AT };

/** A movement in `status` whose child A is in the state each command needs (assigned before departure, boarded after). */
const at = (status: MovementState['status'], childStatus: Status = status === 'scheduled' ? 'assigned' : 'boarded') =>
  movement({ status, passengers: [passenger(A, 1, childStatus)] });

const commands: Record<string, (s: MovementState) => unknown> = {
  reschedule: (s) => reschedule(s, '2019-07-11T05:00:00Z', [child(1)], policy),
  cancel: (s) => cancel(s, 'airport closed', AT),
  'add an escort': (s) => addEscort(s, escort(9, 'carer')),
  'remove an escort': (s) => removeEscort(s, s.escorts[0]!.escortId, [child(1)], policy),
  unassign: (s) => unassign(s, A),
  board: (s) => board(s, A, false, AT),
  'record a no-show': (s) => recordNoShow(s, A, 'not brought to the airport', AT),
  depart: (s) => depart(s, programme(), AT),
  arrive: (s) => arrive(s, AT),
  'hand over': (s) => handOver(s, A, handover),
};

const allowedFrom: Record<string, MovementState['status']> = {
  reschedule: 'scheduled',
  cancel: 'scheduled',
  'add an escort': 'scheduled',
  'remove an escort': 'scheduled',
  unassign: 'scheduled',
  board: 'scheduled',
  'record a no-show': 'scheduled',
  depart: 'scheduled',
  arrive: 'departed',
  'hand over': 'arrived',
};

const table = Object.keys(commands).flatMap((command) =>
  Object.values(MovementStatus).map((status) => [command, status, allowedFrom[command] === status] as const),
);

describe('movement state machine', () => {
  it.each(table)('%s from a %s movement: allowed = %s', (command, status, allowed) => {
    const state = at(status);
    const frozen = structuredClone(state);
    if (allowed) {
      expect(() => commands[command]!(state)).not.toThrow();
    } else {
      expect(() => commands[command]!(state)).toThrow(ConflictError);
      expect(() => commands[command]!(state)).toThrow(new RegExp(`the movement is ${status}`));
    }
    expect(state).toEqual(frozen);
  });

  describe('per child', () => {
    it.each([
      ['unassign', (s: MovementState) => unassign(s, A), 'boarded'],
      ['board', (s: MovementState) => board(s, A, false, AT), 'boarded'],
      ['record a no-show', (s: MovementState) => recordNoShow(s, A, 'x', AT), 'boarded'],
    ] as const)('refuses to %s a child who already boarded, naming the state', (_name, command, childStatus) => {
      expect(() => command(at('scheduled', childStatus))).toThrow(/is boarded, not assigned/);
    });

    it.each([
      ['unassign', (s: MovementState) => unassign(s, B)],
      ['board', (s: MovementState) => board(s, B, false, AT)],
      ['record a no-show', (s: MovementState) => recordNoShow(s, B, 'x', AT)],
    ] as const)('refuses to %s a case that holds no seat', (_name, command) => {
      expect(() => command(at('scheduled'))).toThrow(/holds no seat/);
    });

    it('refuses to hand over a child twice, or one who holds no seat', () => {
      expect(() => handOver(at('arrived', 'handed-over'), A, handover)).toThrow(/is handed-over, not boarded/);
      expect(() => handOver(at('arrived'), B, handover)).toThrow(ConflictError);
    });

    it('refuses boarding a case on hold with not-on-hold', () => {
      expect(() => board(at('scheduled'), A, true, AT)).toThrow(expect.objectContaining({ rule: 'not-on-hold' }) as unknown as Error);
    });

    it('boards, hands over, and records the no-show off the movement', () => {
      expect(board(at('scheduled'), A, false, AT).passengers[0]).toMatchObject({ status: 'boarded', boardedAt: AT });
      expect(handOver(at('arrived'), A, handover).passengers[0]).toMatchObject({ status: 'handed-over', handover });
      const noShow = recordNoShow(at('scheduled'), A, 'ill', AT);
      expect(noShow.passengers).toEqual([]);
      expect(noShow.noShows).toEqual([{ caseId: A, reason: 'ill', recordedAt: AT }]);
      expect(unassign(at('scheduled'), A).passengers).toEqual([]);
    });
  });

  describe('departure', () => {
    const mixed = movement({ passengers: [passenger(A, 1, PassengerStatus.boarded), passenger(B, 2, PassengerStatus.assigned)] });

    it('takes only the boarded children; the others become no-shows', () => {
      const { state, travelling, missed } = depart(mixed, programme(), AT);
      expect(travelling).toEqual([A]);
      expect(missed).toEqual([B]);
      expect(state.status).toBe('departed');
      expect(state.passengers.map((p) => p.caseId)).toEqual([A]);
      expect(state.noShows).toEqual([{ caseId: B, reason: NOT_BOARDED_AT_DEPARTURE, recordedAt: AT }]);
    });

    it('is refused under a suspended programme with programme-active', () => {
      expect(() => depart(mixed, programme({ status: 'suspended' }), AT)).toThrow(expect.objectContaining({ rule: 'programme-active' }) as unknown as Error);
    });
  });

  describe('cancel', () => {
    it('releases every child to the cleared pool', () => {
      const { state, released } = cancel(movement({ passengers: [passenger(A, 1, 'assigned'), passenger(B, 2, 'boarded')] }), 'airport closed', AT);
      expect(released).toEqual([A, B]);
      expect(state).toMatchObject({ status: 'cancelled', passengers: [], cancelReason: 'airport closed', releasedCaseIds: [A, B] });
    });
  });

  describe('escorts', () => {
    it('refuses removing an escort the ratio needs, naming escort-ratio', () => {
      const six = [1, 2, 3, 4, 5, 6].map((n) => child(n));
      const state = movement({ escorts: escorts(2) });
      expect(() => removeEscort(state, state.escorts[0]!.escortId, six, policy)).toThrow(RulesViolatedError);
      expect(() => removeEscort(state, state.escorts[0]!.escortId, six, policy)).toThrow(expect.objectContaining({ rule: 'escort-ratio' }) as unknown as Error);
    });

    it('refuses removing the only medical escort of a child who needs one, naming medical-escort', () => {
      const state = movement({ escorts: [escort(1, 'medical'), escort(2)] });
      expect(() => removeEscort(state, escort(1).escortId, [child(1, { requiresMedicalEscort: true })], policy)).toThrow(
        expect.objectContaining({ rule: 'medical-escort' }) as unknown as Error,
      );
      expect(removeEscort(state, escort(2).escortId, [child(1, { requiresMedicalEscort: true })], policy).escorts).toEqual([escort(1, 'medical')]);
    });

    it('answers 404 for an escort not on the movement', () => {
      expect(() => removeEscort(movement(), escort(7).escortId, [], policy)).toThrow(NotFoundError);
    });
  });

  describe('reschedule', () => {
    it('keeps the seats and reports the previous departure', () => {
      const { state, previousDeparture } = reschedule(at('scheduled'), '2019-07-11T05:00:00Z', [child(1)], policy);
      expect(previousDeparture).toBe('2019-07-10T05:00:00Z');
      expect(state.flight.scheduledDeparture).toBe('2019-07-11T05:00:00Z');
      expect(state.passengers).toEqual(at('scheduled').passengers);
    });

    it('is refused when the new date makes more infants than the escorts can carry', () => {
      // Born 1 August 2017: 23 months old (an infant) on 10 July 2019, 24 months (not) on 1 September.
      const toddler = child(1, { birthDate: { value: '2017-08-01', precision: 'day' } });
      const twoInfants = [child(2, { birthDate: INFANT }), toddler];
      const state = movement({ escorts: escorts(1), flight: { ...movement().flight, scheduledDeparture: '2019-09-01T05:00:00Z' } });
      expect(() => reschedule(state, '2019-07-10T05:00:00Z', twoInfants, policy)).toThrow(expect.objectContaining({ rule: 'escort-ratio' }) as unknown as Error);
    });
  });
});
