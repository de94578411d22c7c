import { ageInYears, eligibilityRefusal, latestPossibleBirthDate, youngestPossibleAge } from './case-eligibility';

const now = new Date('2019-07-10T12:00:00Z');
const policy = { maxAgeAtRegistration: 17, childrenOnly: true };

describe('eligibility at registration', () => {
  it('knows the last possible birth day of an estimated date', () => {
    expect(latestPossibleBirthDate({ value: '2015-04-17', precision: 'day' })).toBe('2015-04-17');
    expect(latestPossibleBirthDate({ value: '2015-02-01', precision: 'month' })).toBe('2015-02-28');
    expect(latestPossibleBirthDate({ value: '2016-02-01', precision: 'month' })).toBe('2016-02-29');
    expect(latestPossibleBirthDate({ value: '2015-01-01', precision: 'year' })).toBe('2015-12-31');
  });

  it('counts whole years, the birthday itself included', () => {
    expect(ageInYears('2001-07-10', now)).toBe(18);
    expect(ageInYears('2001-07-11', now)).toBe(17);
  });

  it('takes the youngest possible age of an estimate', () => {
    expect(youngestPossibleAge({ value: '2001-01-01', precision: 'year' }, now)).toBe(17);
    expect(youngestPossibleAge({ value: '2001-01-01', precision: 'day' }, now)).toBe(18);
    expect(youngestPossibleAge({ value: '2001-07-01', precision: 'month' }, now)).toBe(17);
  });

  it('registers a child under the maximum age', () => {
    expect(eligibilityRefusal(policy, { value: '2015-04-01', precision: 'month' }, now)).toBeUndefined();
  });

  it('registers a child whose estimated birth year may still make them 17', () => {
    expect(eligibilityRefusal(policy, { value: '2001-01-01', precision: 'year' }, now)).toBeUndefined();
  });

  it('refuses a child who is certainly over the maximum age, naming the rule', () => {
    const refusal = eligibilityRefusal({ maxAgeAtRegistration: 12, childrenOnly: false }, { value: '2005-01-01', precision: 'year' }, now);
    expect(refusal?.rule).toBe('max-age-at-registration');
    expect(refusal?.status).toBe(422);
  });

  it('refuses an adult under a children-only programme', () => {
    const refusal = eligibilityRefusal({ maxAgeAtRegistration: 25, childrenOnly: true }, { value: '2000-01-01', precision: 'year' }, now);
    expect(refusal?.rule).toBe('children-only');
  });

  it('accepts an adult where the programme takes adults up to its maximum', () => {
    expect(eligibilityRefusal({ maxAgeAtRegistration: 25, childrenOnly: false }, { value: '2000-01-01', precision: 'day' }, now)).toBeUndefined();
  });

  it('refuses a birth date after today, but not the current month of an estimate', () => {
    expect(eligibilityRefusal(policy, { value: '2019-07-11', precision: 'day' }, now)?.rule).toBe('birth-date-not-in-future');
    expect(eligibilityRefusal(policy, { value: '2019-07-01', precision: 'month' }, now)).toBeUndefined();
  });
});
