import type { LegalFile, Requirement } from '../types';
import { approvalState, mayDecide, mayRequestClearance } from './legal-actions';

const requirement = (code: string, status: Requirement['status'] = 'pending'): Requirement => ({ code, status, evidence: [], decisions: [] });
const file = (over: Partial<LegalFile> = {}): LegalFile => ({
  caseId: 'c',
  programmeId: 'p',
  destinationState: 'RU',
  status: 'open',
  openedAt: '2019-06-01T00:00:00Z',
  requirements: [requirement('nationality-verified'), requirement('security-screening')],
  holds: [],
  statusHistory: [],
  ...over,
});
const legalOfficer = { userId: 'legal-officer-1', roles: ['legal-officer'] };
const screeningOfficer = { userId: 'screening-officer-1', roles: ['screening-officer'] };
const supervisor = { userId: 'supervisor-1', roles: ['supervisor'] };

describe('what the legal screens offer', () => {
  it('lets only the screening officer decide the screening, and the legal officer the rest', () => {
    const f = file();
    expect(mayDecide(legalOfficer, requirement('nationality-verified'), f)).toBe(true);
    expect(mayDecide(legalOfficer, requirement('security-screening'), f)).toBe(false);
    expect(mayDecide(screeningOfficer, requirement('security-screening'), f)).toBe(true);
    expect(mayDecide(screeningOfficer, requirement('nationality-verified'), f)).toBe(false);
    expect(mayDecide(legalOfficer, requirement('nationality-verified'), file({ status: 'cleared' }))).toBe(false);
  });

  it('offers the clearance request only with every requirement satisfied and no hold', () => {
    const done = [requirement('nationality-verified', 'satisfied'), requirement('security-screening', 'satisfied')];
    expect(mayRequestClearance(legalOfficer, file({ requirements: done }))).toBe(true);
    expect(mayRequestClearance(legalOfficer, file())).toBe(false);
    expect(mayRequestClearance(legalOfficer, file({ requirements: done, holds: [{ holdId: 'h', category: 'security', placedBy: 'x', placedAt: 'y' }] }))).toBe(false);
    expect(mayRequestClearance(screeningOfficer, file({ requirements: done }))).toBe(false);
    expect(mayRequestClearance(supervisor, file({ requirements: done }))).toBe(false);
  });

  it('refuses, before any click, the approval of a clearance one requested oneself', () => {
    const requested = file({ status: 'clearance-requested', clearance: { requestedBy: 'supervisor-1', requestedAt: '2019-06-19T00:00:00Z' } });
    expect(approvalState(supervisor, requested)).toEqual({ kind: 'refused-own-request', requestedBy: 'supervisor-1' });
    expect(approvalState({ userId: 'admin-1', roles: ['admin'] }, requested)).toEqual({ kind: 'hidden' });
    expect(approvalState({ userId: 'supervisor-2', roles: ['supervisor'] }, requested)).toEqual({ kind: 'allowed' });
    expect(approvalState(legalOfficer, requested)).toEqual({ kind: 'hidden' });
    expect(approvalState(supervisor, file())).toEqual({ kind: 'hidden' });
  });
});
