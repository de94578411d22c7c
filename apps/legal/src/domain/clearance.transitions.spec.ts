import { RequirementCode } from '@homeward/contracts';
import { ConflictError, ForbiddenError } from '@homeward/errors';
import { approveClearance, rejectCase, requestClearance } from './clearance.transitions';
import { placeHold } from './hold.transitions';
import type { Actor, LegalFileState } from './legal-file.state';
import { allStatuses, inStatus, now, officer, openedFile, satisfiedFile, screener, secondOfficer, supervisor } from './legal-file.spec-helper';
import { decideRequirement } from './requirement.transitions';

const held = (file: LegalFileState) =>
  placeHold(file, { holdId: '00000000-0000-4000-8000-000000000005', category: 'family', reason: 'Guardian unreachable.' }, officer, now).state;
const requested = () => requestClearance(satisfiedFile(), officer, now).state;
const officerAndSupervisor: Actor = { userId: 'officer-1', roles: ['legal-officer', 'supervisor'] };

describe('requestClearance', () => {
  it('open → clearance-requested when every requirement is satisfied, by a legal officer', () => {
    const { state, event } = requestClearance(satisfiedFile(), officer, now);
    expect(state.status).toBe('clearance-requested');
    expect(state.clearance).toEqual({ requestedBy: 'officer-1', requestedAt: now.toISOString() });
    expect(state.statusHistory.at(-1)).toEqual({ status: 'clearance-requested', at: now.toISOString(), by: 'officer-1' });
    expect(event).toEqual({ caseId: state.caseId, requestedBy: 'officer-1', requestedAt: now.toISOString() });
  });

  it('refuses anyone without the legal-officer role with 403', () => {
    expect(() => requestClearance(satisfiedFile(), supervisor, now)).toThrow(ForbiddenError);
  });

  it('refuses with 422 requirements-satisfied naming every unsatisfied requirement', () => {
    const refused = decideRequirement(openedFile(), { requirement: RequirementCode.exitClearance, decision: 'refused', reason: 'No exit permit.' }, officer, now).state;
    const attempt = () => requestClearance(refused, officer, now);
    expect(attempt).toThrow(expect.objectContaining({ rule: 'requirements-satisfied' }));
    expect(attempt).toThrow(/exit-clearance \(refused\).*security-screening \(pending\)/);
  });

  it('refuses with 422 no-active-hold while a hold is active', () => {
    expect(() => requestClearance(held(satisfiedFile()), officer, now)).toThrow(expect.objectContaining({ rule: 'no-active-hold' }));
  });

  it.each(allStatuses.filter((s) => s !== 'open'))('refuses a %s file with 409', (status) => {
    expect(() => requestClearance(inStatus(satisfiedFile(), status), officer, now)).toThrow(`the legal file is ${status}`);
  });
});

describe('approveClearance (four eyes)', () => {
  it('clearance-requested → cleared by a different supervisor; both approvers on the event', () => {
    const { state, event } = approveClearance(requested(), supervisor, now);
    expect(state.status).toBe('cleared');
    expect(state.clearance).toEqual({ requestedBy: 'officer-1', requestedAt: now.toISOString(), approvedBy: 'supervisor-1', clearedAt: now.toISOString() });
    expect(event).toEqual({ caseId: state.caseId, programmeId: 'iq-ru-2019', destinationState: 'RU', clearedAt: now.toISOString(), approvedBy: ['officer-1', 'supervisor-1'] });
  });

  it('refuses the requester even with the supervisor role with 403 saying why', () => {
    const file = requestClearance(satisfiedFile(), officerAndSupervisor, now).state;
    expect(() => approveClearance(file, officerAndSupervisor, now)).toThrow(ForbiddenError);
    expect(() => approveClearance(file, officerAndSupervisor, now)).toThrow(/four-eyes rule: officer-1 requested this clearance/);
  });

  it('refuses anyone without the supervisor role with 403', () => {
    expect(() => approveClearance(requested(), secondOfficer, now)).toThrow(/reserved to the supervisor role/);
    expect(() => approveClearance(requested(), screener, now)).toThrow(ForbiddenError);
  });

  it('refuses with 422 no-active-hold while a hold is active', () => {
    expect(() => approveClearance(held(requested()), supervisor, now)).toThrow(expect.objectContaining({ rule: 'no-active-hold' }));
  });

  it.each(allStatuses.filter((s) => s !== 'clearance-requested'))('refuses a %s file (no request pending) with 409', (status) => {
    const file = inStatus(requested(), status);
    expect(() => approveClearance(file, supervisor, now)).toThrow(ConflictError);
    expect(() => approveClearance(file, supervisor, now)).toThrow(`the legal file is ${status}`);
  });
});

describe('rejectCase', () => {
  const refusedExit = () =>
    decideRequirement(openedFile(), { requirement: RequirementCode.exitClearance, decision: 'refused', reason: 'No exit permit.' }, officer, now).state;
  const reject = (file: LegalFileState, requirement: RequirementCode = RequirementCode.exitClearance) =>
    rejectCase(file, { requirement, reason: 'Exit refused by the origin state.' }, supervisor, now);

  it('open → rejected on a refused requirement', () => {
    const { state, event } = reject(refusedExit());
    expect(state.status).toBe('rejected');
    expect(event).toEqual({ caseId: state.caseId, requirement: 'exit-clearance', rejectedBy: 'supervisor-1', rejectedAt: now.toISOString(), personal: { reason: 'Exit refused by the origin state.' } });
  });

  it.each([
    ['pending', RequirementCode.nationalityVerified],
    ['satisfied', RequirementCode.securityScreening],
  ] as const)('refuses rejecting on a %s requirement with 422 requirement-refused', (_status, requirement) => {
    const file = decideRequirement(refusedExit(), { requirement: RequirementCode.securityScreening, decision: 'satisfied', reason: 'Clear.' }, screener, now).state;
    expect(() => reject(file, requirement)).toThrow(expect.objectContaining({ rule: 'requirement-refused' }));
  });

  it.each(allStatuses.filter((s) => s !== 'open'))('refuses rejecting a %s file with 409', (status) => {
    expect(() => reject(inStatus(refusedExit(), status))).toThrow(`the legal file is ${status}`);
  });

  it('is terminal: every further command is refused with 409', () => {
    const rejected = reject(refusedExit()).state;
    expect(() => requestClearance(rejected, officer, now)).toThrow(ConflictError);
    expect(() => reject(rejected)).toThrow(ConflictError);
    expect(() => held(rejected)).toThrow(ConflictError);
    expect(() => decideRequirement(rejected, { requirement: RequirementCode.exitClearance, decision: 'satisfied', reason: 'x' }, officer, now)).toThrow(ConflictError);
  });
});
