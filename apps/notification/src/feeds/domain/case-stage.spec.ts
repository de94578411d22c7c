import { CaseStage, stageAfter, type StageState } from './case-stage';

const run = (types: string[], from: StageState = { stage: CaseStage.registered }) => types.reduce(stageAfter, from);

describe('stageAfter', () => {
  it('follows a journey from registration to handover', () => {
    const types = ['legal-file.opened.v1', 'case.cleared.v1', 'case.assigned.v1', 'case.boarded.v1', 'movement.arrived.v1', 'case.handed-over.v1'];
    expect(run(types).stage).toBe('handed-over');
  });

  it('returns from a hold to where the case was, and keeps what happened meanwhile', () => {
    expect(run(['legal-file.opened.v1', 'case.hold-placed.v1'])).toEqual({ stage: 'on-hold', stageBeforeHold: 'in-legal-review' });
    expect(run(['legal-file.opened.v1', 'case.hold-placed.v1', 'case.hold-lifted.v1']).stage).toBe('in-legal-review');
    expect(run(['case.cleared.v1', 'case.hold-placed.v1', 'case.unassigned.v1', 'case.hold-lifted.v1']).stage).toBe('cleared');
  });

  it('is unchanged by a redelivered event and by events that say nothing of the stage', () => {
    const onHold = run(['case.cleared.v1', 'case.hold-placed.v1']);
    expect(stageAfter(onHold, 'case.hold-placed.v1')).toEqual(onHold);
    expect(stageAfter({ stage: 'cleared' }, 'requirement.decided.v1')).toEqual({ stage: 'cleared' });
  });

  it('keeps a case that left the programme where it left', () => {
    expect(run(['case.withdrawn.v1', 'case.cleared.v1']).stage).toBe('withdrawn');
    expect(run(['case.withdrawn.v2', 'case.cleared.v1']).stage).toBe('withdrawn');
    expect(run(['case.rejected.v2', 'case.cleared.v1']).stage).toBe('rejected');
    expect(run(['legal-file.opened.v1', 'case.hold-placed.v2'])).toEqual({ stage: 'on-hold', stageBeforeHold: 'in-legal-review' });
  });

  it('does not move a case back when an earlier stage’s event is read late from another topic', () => {
    expect(run(['case.assigned.v1', 'legal-file.opened.v1', 'case.cleared.v1']).stage).toBe('assigned');
    expect(run(['case.assigned.v1', 'case.hold-placed.v1', 'case.cleared.v1', 'case.hold-lifted.v1']).stage).toBe('assigned');
    expect(run(['case.assigned.v1', 'case.unassigned.v1']).stage).toBe('cleared');
  });
});
