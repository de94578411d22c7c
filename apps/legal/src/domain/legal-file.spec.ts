import { ConflictError } from '@homeward/errors';
import { clear, LegalFileStatus } from './legal-file';

describe('clear', () => {
  const now = new Date('2019-07-01T10:00:00Z');

  it('clears an open file and records who approved it and when', () => {
    expect(clear({ status: LegalFileStatus.open, approvedBy: [] }, 'supervisor-1', now)).toEqual({
      status: LegalFileStatus.cleared,
      approvedBy: ['supervisor-1'],
      clearedAt: '2019-07-01T10:00:00.000Z',
    });
  });

  it('refuses to clear a file twice', () => {
    const cleared = clear({ status: LegalFileStatus.open, approvedBy: [] }, 'supervisor-1', now);
    expect(() => clear(cleared, 'supervisor-2', now)).toThrow(ConflictError);
    expect(() => clear(cleared, 'supervisor-2', now)).toThrow(/only an open file/);
  });
});
