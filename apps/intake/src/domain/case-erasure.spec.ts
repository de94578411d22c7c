import { ConflictError, ForbiddenError } from '@homeward/errors';
import { approveErasure, dueForRetention, requestErasure, retentionErasure } from './case-erasure';
import type { CaseRecord } from './case';
import { storedCase } from './case.fixture';

const caseId = '00000000-0000-4000-8000-000000000001';
const now = new Date('2030-01-01T00:00:00Z');
const admin = ['admin'];

describe('erasure with four eyes', () => {
  const requested = (): CaseRecord => ({ ...storedCase(caseId), ...requestErasure(caseId, storedCase(caseId), 'guardian asked', now, 'admin-1', admin) });

  it('needs the admin role to request or approve', () => {
    expect(() => requestErasure(caseId, storedCase(caseId), 'x', now, 'worker', ['case-worker'])).toThrow(ForbiddenError);
    expect(() => approveErasure(caseId, requested(), now, 'worker', ['case-worker'])).toThrow(/reserved to the admin role/);
  });

  it('refuses approval by the admin who asked, saying why, and by anyone without a request', () => {
    expect(() => approveErasure(caseId, requested(), now, 'admin-1', admin)).toThrow(/admin-1 requested this erasure and cannot also approve it/);
    expect(() => approveErasure(caseId, storedCase(caseId), now, 'admin-2', admin)).toThrow(ConflictError);
  });

  it('erases on a second admin’s approval, clears the search keys, and refuses anything after', () => {
    const { set, event } = approveErasure(caseId, requested(), now, 'admin-2', admin);
    expect(event).toEqual({ caseId, basis: 'request', requestedBy: 'admin-1', approvedBy: 'admin-2', erasedAt: now.toISOString() });
    expect(set).toMatchObject({ nameKeys: [], facilityKey: '', erasure: { reason: 'guardian asked', erasedAt: now.toISOString() } });
    const done = { ...requested(), ...set } as CaseRecord;
    expect(() => requestErasure(caseId, done, 'again', now, 'admin-3', admin)).toThrow(/was erased/);
    expect(() => approveErasure(caseId, done, now, 'admin-3', admin)).toThrow(/was erased/);
    expect(() => requestErasure(caseId, requested(), 'again', now, 'admin-3', admin)).toThrow(/already has an erasure request by admin-1/);
  });
});

describe('retention', () => {
  const ended = (stage: CaseRecord['stage'], at: string): CaseRecord => ({ ...storedCase(caseId), stage, stageHistory: [{ stage: 'registered', at: '2019-01-01T00:00:00Z' }, { stage, at }] });
  const year = 365 * 24 * 3_600_000;

  it('is due once a closed, withdrawn or rejected case ended longer ago than the period', () => {
    expect(dueForRetention(ended('closed', '2024-12-31T00:00:00Z'), now, 5 * year)).toBe(true);
    expect(dueForRetention(ended('withdrawn', '2025-06-01T00:00:00Z'), now, 5 * year)).toBe(false);
    expect(dueForRetention(ended('rejected', '2020-01-01T00:00:00Z'), now, 5 * year)).toBe(true);
    expect(dueForRetention(ended('cleared', '2001-01-01T00:00:00Z'), now, 5 * year)).toBe(false);
    const erased = { ...ended('closed', '2001-01-01T00:00:00Z'), ...retentionErasure(caseId, storedCase(caseId), now, 1).set } as CaseRecord;
    expect(dueForRetention(erased, now, 1)).toBe(false);
  });

  it('erases without a request, in the name of the job', () => {
    expect(retentionErasure(caseId, storedCase(caseId), now, year).event).toMatchObject({ basis: 'retention', requestedBy: 'retention-job', approvedBy: 'retention-job' });
  });
});
