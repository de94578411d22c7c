import { ageBand } from './age-band';

describe('ageBand', () => {
  const day = (value: string) => ({ value, precision: 'day' as const });

  it.each([
    ['2018-07-11', '0-1'],
    ['2017-07-10', '2-4'],
    ['2017-07-11', '0-1'],
    ['2014-07-10', '5-11'],
    ['2007-07-11', '5-11'],
    ['2007-07-10', '12-15'],
    ['2003-07-10', '16-17'],
    ['2001-07-10', '18+'],
  ])('born %s is %s on 10 July 2019', (born, band) => {
    expect(ageBand(day(born), '2019-07-10T05:00:00Z')).toBe(band);
  });

  it('is unknown without a birth date or for an event before the birth', () => {
    expect(ageBand(undefined, '2019-07-10T05:00:00Z')).toBe('unknown');
    expect(ageBand(day('2020-01-01'), '2019-07-10T05:00:00Z')).toBe('unknown');
  });
});
