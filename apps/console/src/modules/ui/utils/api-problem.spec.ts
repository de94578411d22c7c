import { ApiProblem } from './api-problem';

describe("a service's problem shown next to its field", () => {
  const problem = new ApiProblem({ status: 400, detail: 'Request validation failed', violations: [{ field: '/names/0/given', message: 'Too small' }, { field: 'caseId', message: 'Invalid UUID' }] });

  it('finds the message of the field a violation names, as a pointer or a plain name', () => {
    expect(problem.fieldMessage('/names/0/given')).toBe('Too small');
    expect(problem.fieldMessage('names/0/given')).toBe('Too small');
    expect(problem.fieldMessage('caseId')).toBe('Invalid UUID');
    expect(problem.fieldMessage('/facility/name')).toBeUndefined();
  });

  it('says what went wrong when no field is named', () => {
    expect(new ApiProblem({ status: 409, detail: 'The case is closed.' }).message).toBe('The case is closed.');
    expect(new ApiProblem({ status: 500 }).message).toBe('HTTP 500');
  });
});
