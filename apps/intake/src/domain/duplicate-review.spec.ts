import { confirmDuplicate, dismissDuplicate, newDuplicate } from './duplicate-review';

const NOW = new Date('2019-06-01T00:00:00Z');
const score = { score: 0.95, name: 1, birthDate: 0.85, facility: 1 };
const A = '0a0a0a0a-0000-4000-8000-000000000001';
const B = '0b0b0b0b-0000-4000-8000-000000000002';

describe('duplicate review', () => {
  const open = newDuplicate(B, A, score, NOW, 'registration');

  it('opens a pair in a stable order, remembering which registration found it', () => {
    expect(open).toMatchObject({ caseIds: [A, B], detectedFor: B, status: 'open' });
  });

  it('confirms with a survivor from the pair, merging the other, recording who and when', () => {
    expect(confirmDuplicate('d', open, B, NOW, 'worker-2')).toEqual({
      mergedCaseId: A,
      set: { status: 'confirmed', confirmation: { survivorCaseId: B, mergedCaseId: A, by: 'worker-2', at: NOW.toISOString() } },
    });
  });

  it('refuses a survivor outside the pair (422)', () => {
    expect(() => confirmDuplicate('d', open, '0c0c0c0c-0000-4000-8000-000000000003', NOW, 'w')).toThrow(expect.objectContaining({ rule: 'survivor-in-pair' }));
  });

  it('dismisses with a reason, recording who and when', () => {
    expect(dismissDuplicate('d', open, 'twins', NOW, 'worker-3')).toEqual({ status: 'dismissed', dismissal: { reason: 'twins', by: 'worker-3', at: NOW.toISOString() } });
  });

  it.each([
    ['confirmed', { ...open, status: 'confirmed' as const }],
    ['dismissed', { ...open, status: 'dismissed' as const }],
  ])('refuses to confirm or dismiss a pair already %s (409)', (status, decided) => {
    expect(() => confirmDuplicate('d', decided, A, NOW, 'w')).toThrow(expect.objectContaining({ status: 409, message: `duplicate d is already ${status}` }));
    expect(() => dismissDuplicate('d', decided, 'x', NOW, 'w')).toThrow(expect.objectContaining({ status: 409 }));
  });
});
