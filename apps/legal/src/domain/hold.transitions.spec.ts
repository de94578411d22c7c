import { ConflictError, NotFoundError } from '@homeward/errors';
import { liftHold, placeHold } from './hold.transitions';
import type { LegalFileState } from './legal-file.state';
import { inStatus, now, officer, openedFile, supervisor } from './legal-file.spec-helper';

const holdId = '00000000-0000-4000-8000-000000000005';
const place = (file: LegalFileState) => placeHold(file, { holdId, category: 'security', reason: 'Pending a check.' }, officer, now);

describe('placeHold', () => {
  it.each(['open', 'clearance-requested', 'cleared'] as const)('places a hold on a %s file, recording who and when', (status) => {
    const { state, event } = place(inStatus(openedFile(), status));
    expect(state.holds).toEqual([{ holdId, category: 'security', reason: 'Pending a check.', placedBy: 'officer-1', placedAt: now.toISOString() }]);
    expect(state.status).toBe(status);
    expect(event).toEqual({ caseId: state.caseId, holdId, category: 'security', placedBy: 'officer-1', placedAt: now.toISOString(), personal: { reason: 'Pending a check.' } });
  });

  it.each(['rejected', 'closed'] as const)('refuses a hold on a %s file with 409', (status) => {
    expect(() => place(inStatus(openedFile(), status))).toThrow(`the legal file is ${status}`);
  });

  it('refuses a hold once the child boarded with 409', () => {
    const boarded = { ...inStatus(openedFile(), 'cleared'), boardedAt: '2019-07-10T04:30:00Z' };
    expect(() => place(boarded)).toThrow(ConflictError);
    expect(() => place(boarded)).toThrow(/only before boarding/);
  });
});

describe('liftHold', () => {
  it('lifts an active hold, recording who and when', () => {
    const { state, event } = liftHold(place(openedFile()).state, holdId, supervisor, now);
    expect(state.holds[0]).toMatchObject({ liftedBy: 'supervisor-1', liftedAt: now.toISOString() });
    expect(event).toEqual({ caseId: state.caseId, holdId, liftedBy: 'supervisor-1', liftedAt: now.toISOString() });
  });

  it('refuses lifting a lifted hold with 409 and an unknown hold with 404', () => {
    const lifted = liftHold(place(openedFile()).state, holdId, supervisor, now).state;
    expect(() => liftHold(lifted, holdId, supervisor, now)).toThrow(/already lifted/);
    expect(() => liftHold(openedFile(), holdId, supervisor, now)).toThrow(NotFoundError);
  });

  it.each(['rejected', 'closed'] as const)('refuses lifting on a %s file with 409', (status) => {
    expect(() => liftHold(inStatus(place(openedFile()).state, status), holdId, supervisor, now)).toThrow(`the legal file is ${status}`);
  });
});
