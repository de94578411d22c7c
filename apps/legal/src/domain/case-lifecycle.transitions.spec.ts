import { RequirementCode } from '@homeward/contracts';
import { closeFile, markBoarded, openFile } from './case-lifecycle.transitions';
import { caseId, inStatus, now, openedFile } from './legal-file.spec-helper';

describe('openFile', () => {
  it("opens a file with the programme's checklist, every requirement pending", () => {
    const requirements = [RequirementCode.nationalityVerified, RequirementCode.securityScreening];
    const { state, event } = openFile({ caseId, programmeId: 'p-1', destinationState: 'RU' }, { programmeId: 'p-1', requirements }, 'case.registered.v1', now);
    expect(state).toMatchObject({ caseId, programmeId: 'p-1', destinationState: 'RU', status: 'open', holds: [] });
    expect(state.requirements).toEqual(requirements.map((code) => ({ code, status: 'pending', evidence: [], decisions: [] })));
    expect(state.statusHistory).toEqual([{ status: 'open', at: now.toISOString(), by: 'case.registered.v1' }]);
    expect(event).toEqual({ caseId, openedAt: now.toISOString(), requirements });
  });
});

describe('closeFile', () => {
  const at = '2019-06-25T08:00:00Z';

  it.each(['open', 'clearance-requested', 'cleared'] as const)('closes a %s file of a withdrawn case', (status) => {
    const closed = closeFile(inStatus(openedFile(), status), { reason: 'withdrawn', at, by: 'case.withdrawn.v1' });
    expect(closed?.status).toBe('closed');
    expect(closed?.closure).toEqual({ reason: 'withdrawn', closedAt: at });
    expect(closed?.statusHistory.at(-1)).toEqual({ status: 'closed', at, by: 'case.withdrawn.v1', note: 'case withdrawn' });
  });

  it('closes the file of a merged-away case, naming the survivor', () => {
    const survivorCaseId = '00000000-0000-4000-8000-000000000004';
    const closed = closeFile(openedFile(), { reason: 'merged', survivorCaseId, at, by: 'case.merged.v1' });
    expect(closed?.closure).toEqual({ reason: 'merged', survivorCaseId, closedAt: at });
  });

  it.each(['rejected', 'closed'] as const)('changes nothing on a %s file (redelivery, or already ended)', (status) => {
    expect(closeFile(inStatus(openedFile(), status), { reason: 'withdrawn', at, by: 'case.withdrawn.v1' })).toBeUndefined();
  });
});

describe('markBoarded', () => {
  it('records the boarding once', () => {
    const boarded = markBoarded(openedFile(), '2019-07-10T04:30:00Z');
    expect(boarded?.boardedAt).toBe('2019-07-10T04:30:00Z');
    expect(markBoarded(boarded!, '2019-07-10T04:31:00Z')).toBeUndefined();
  });
});
