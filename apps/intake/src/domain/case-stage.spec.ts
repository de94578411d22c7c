import { advanceStage, CaseStage } from './case-stage';

describe('advanceStage', () => {
  it('moves forward', () => {
    expect(advanceStage(CaseStage.registered, CaseStage.inLegalReview)).toBe(CaseStage.inLegalReview);
    expect(advanceStage(CaseStage.inLegalReview, CaseStage.cleared)).toBe(CaseStage.cleared);
    expect(advanceStage(CaseStage.registered, CaseStage.assigned)).toBe(CaseStage.assigned);
  });

  it('never moves backwards when events of different topics arrive out of order', () => {
    expect(advanceStage(CaseStage.assigned, CaseStage.inLegalReview)).toBe(CaseStage.assigned);
    expect(advanceStage(CaseStage.cleared, CaseStage.cleared)).toBe(CaseStage.cleared);
  });
});
