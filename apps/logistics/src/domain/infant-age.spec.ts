import { isInfant, latestBirthDay } from './infant-age';

describe('isInfant', () => {
  it('counts a child younger than the age limit on the departure day', () => {
    expect(isInfant({ value: '2017-07-11', precision: 'day' }, 24, '2019-07-10T05:00:00Z')).toBe(true);
    expect(isInfant({ value: '2017-07-10', precision: 'day' }, 24, '2019-07-10T05:00:00Z')).toBe(false);
    expect(isInfant({ value: '2014-01-01', precision: 'day' }, 24, '2019-07-10T05:00:00Z')).toBe(false);
  });

  it('takes the latest possible day of an estimated birth date, so a doubtful child counts as an infant', () => {
    expect(latestBirthDay({ value: '2017-01-01', precision: 'year' }).toISOString().slice(0, 10)).toBe('2017-12-31');
    expect(latestBirthDay({ value: '2016-02-01', precision: 'month' }).toISOString().slice(0, 10)).toBe('2016-02-29');
    expect(isInfant({ value: '2017-01-01', precision: 'year' }, 24, '2019-07-10T05:00:00Z')).toBe(true);
    expect(isInfant({ value: '2017-01-01', precision: 'day' }, 24, '2019-07-10T05:00:00Z')).toBe(false);
  });

  it('clamps to the end of a shorter month', () => {
    // Born 31 Dec 2017: one month old on 31 Jan, two months on 28 Feb 2018.
    expect(isInfant({ value: '2017-12-31', precision: 'day' }, 2, '2018-02-27T00:00:00Z')).toBe(true);
    expect(isInfant({ value: '2017-12-31', precision: 'day' }, 2, '2018-02-28T00:00:00Z')).toBe(false);
  });
});
