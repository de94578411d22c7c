import { siblingGroups } from './sibling-groups';

describe('cleared children shown for seating', () => {
  it('puts siblings together, each child once', () => {
    const groups = siblingGroups([
      { caseId: 'a', siblingCaseIds: ['c'] },
      { caseId: 'b', siblingCaseIds: [] },
      { caseId: 'c', siblingCaseIds: ['a'] },
      { caseId: 'd', siblingCaseIds: ['x'] },
    ]);
    expect(groups.map((g) => g.map((c) => c.caseId))).toEqual([['a', 'c'], ['b'], ['d']]);
  });
});
