import { ConflictError, RuleViolationError } from '@homeward/errors';
import { assignSeat } from './assignment';

describe('assignSeat', () => {
  it('gives the first free seat', () => {
    expect(assignSeat({ seats: 3, assigned: [] }, 'a', true)).toEqual({ caseId: 'a', seat: 1 });
    expect(assignSeat({ seats: 3, assigned: [{ caseId: 'a', seat: 1 }, { caseId: 'b', seat: 3 }] }, 'c', true)).toEqual({
      caseId: 'c',
      seat: 2,
    });
  });

  it('refuses a case legal has not cleared, naming the rule', () => {
    expect(() => assignSeat({ seats: 3, assigned: [] }, 'a', false)).toThrow(
      expect.objectContaining({ rule: 'case-cleared' }) as unknown as RuleViolationError,
    );
  });

  it('refuses when every seat is taken', () => {
    let error: unknown;
    try {
      assignSeat({ seats: 1, assigned: [{ caseId: 'a', seat: 1 }] }, 'b', true);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleViolationError);
    expect((error as RuleViolationError).rule).toBe('free-seat');
  });

  it('refuses assigning the same case twice', () => {
    expect(() => assignSeat({ seats: 2, assigned: [{ caseId: 'a', seat: 1 }] }, 'a', true)).toThrow(ConflictError);
  });
});
