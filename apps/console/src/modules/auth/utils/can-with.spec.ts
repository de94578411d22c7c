import { canWith } from './can-with';

describe('what a screen offers a person', () => {
  it('follows the grants the services enforce', () => {
    expect(canWith(['case-worker'], 'case:write')).toBe(true);
    expect(canWith(['case-worker'], 'clearance:approve')).toBe(false);
    expect(canWith(['supervisor'], 'clearance:approve')).toBe(true);
    expect(canWith(['logistics-officer'], 'legal-file:read')).toBe(false);
    expect(canWith(['auditor'], 'case:read')).toBe(false);
    expect(canWith(['auditor'], 'audit:read')).toBe(true);
    expect(canWith([], 'case:read')).toBe(false);
  });
});
