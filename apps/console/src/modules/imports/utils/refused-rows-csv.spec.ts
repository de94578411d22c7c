import { refusedRowsCsv } from './refused-rows-csv';

describe('the refused rows to download', () => {
  it('writes one CSV line per refusal, quoting what needs it', () => {
    expect(refusedRowsCsv([{ row: 3, field: 'birthDate', reason: 'Invalid ISO date, "2014-13-01"' }, { row: 5, field: 'birthDate', reason: 'over 17', rule: 'max-age' }])).toBe(
      'row,field,reason,rule\r\n3,birthDate,"Invalid ISO date, ""2014-13-01""",\r\n5,birthDate,over 17,max-age\r\n',
    );
  });
});
