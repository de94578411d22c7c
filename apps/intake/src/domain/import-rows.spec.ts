import { csvImportRows } from './import-csv';
import { jsonPointer, validateImportRows, type CandidateRow } from './import-rows';

const programme = { originState: 'IQ', destinationState: 'RU', eligibility: { maxAgeAtRegistration: 17, childrenOnly: true } };
const NOW = new Date('2019-06-01T00:00:00Z');
const validate = (rows: CandidateRow[]) => validateImportRows('iq-ru-2019', programme, rows, NOW);
const json = (values: unknown[]): CandidateRow[] => values.map((value) => ({ value, fieldOf: jsonPointer }));

const jsonRow = (rowReference: string, overrides: Record<string, unknown> = {}) => ({
  rowReference,
  sex: 'female',
  names: [{ given: 'Фатима', family: 'Исмаилова', script: 'cyrillic' }],
  birthDate: { value: '2015-01-01', precision: 'year' },
  facility: { type: 'camp', name: 'Camp Al-Hol', city: 'Hasakah' },
  ...overrides,
});

const HEADER = 'rowReference,sex,givenNameLatin,familyNameLatin,givenNameCyrillic,familyNameCyrillic,birthDate,birthDatePrecision,facilityType,facilityName,facilityCity,motherGivenName,motherFamilyName,motherStatus,guardianRelationship,guardianGivenName,guardianFamilyName,guardianEmail,guardianPreferredLanguage,requiresMedicalEscort';

describe('validateImportRows (JSON)', () => {
  it('accepts valid rows with the programme and the reference, numbering rows from 1', () => {
    const { accepted, rejected } = validate(json([jsonRow('A-1'), jsonRow('A-2')]));
    expect(rejected).toEqual([]);
    expect(accepted.map((a) => [a.row, a.reference, a.input.programmeId, a.input.importReference])).toEqual([
      [1, 'A-1', 'iq-ru-2019', 'A-1'],
      [2, 'A-2', 'iq-ru-2019', 'A-2'],
    ]);
    expect(accepted[0]!.input.guardians).toEqual([]);
  });

  it('names every bad field of a row by JSON Pointer, with the schema messages of POST /cases', () => {
    const bad = jsonRow('A-1', { sex: 'x', birthDate: { value: '2015-13-01', precision: 'day' }, religion: 'y' });
    const { sex: _s, ...missingSex } = jsonRow('A-2');
    const { rejected } = validate(json([bad, missingSex]));
    expect(rejected.map((r) => [r.row, r.field])).toEqual([
      [1, '/sex'],
      [1, '/birthDate/value'],
      [1, '/religion'],
      [2, '/sex'],
    ]);
    expect(rejected.find((r) => r.row === 2)!.reason).toMatch(/female/);
    expect(rejected.find((r) => r.field === '/religion')!.reason).toBe('is not allowed');
  });

  it('refuses a row without a reference and a reference repeated later in the list', () => {
    const { rowReference: _r, ...noReference } = jsonRow('x');
    const { accepted, rejected } = validate(json([jsonRow('A-1'), noReference, jsonRow('A-1')]));
    expect(accepted.map((a) => a.row)).toEqual([1]);
    expect(rejected).toEqual([
      { row: 2, field: '/rowReference', reason: 'is required' },
      { row: 3, field: '/rowReference', reason: 'repeats the reference of row 1' },
    ]);
  });

  it("refuses a child the programme's eligibility excludes, naming the rule", () => {
    const { rejected } = validate(json([jsonRow('A-1', { birthDate: { value: '1995-03-01', precision: 'day' } })]));
    expect(rejected).toEqual([expect.objectContaining({ row: 1, field: '/birthDate', rule: 'children-only' })]);
  });
});

describe('csvImportRows', () => {
  const line = (cells: Record<string, string>) => HEADER.split(',').map((c) => cells[c] ?? '').join(',');
  const good = {
    rowReference: 'C-1', sex: 'female', givenNameLatin: 'Fatima', familyNameLatin: 'Ismailova', givenNameCyrillic: 'Фатима', familyNameCyrillic: 'Исмаилова',
    birthDate: '2015-01-01', birthDatePrecision: 'year', facilityType: 'camp', facilityName: 'Camp Al-Hol', facilityCity: 'Hasakah',
    motherGivenName: 'Зайнаб', motherFamilyName: 'Исмаилова', motherStatus: 'detained',
    guardianRelationship: 'grandmother', guardianGivenName: 'Анна', guardianFamilyName: 'Исмаилова', guardianEmail: 'anna@example.org', guardianPreferredLanguage: 'ru', requiresMedicalEscort: 'no',
  };

  it('reads a row into the registration POST /cases takes, with names in two scripts and the scripts of other names detected', () => {
    const { accepted, rejected } = validate(csvImportRows(`${HEADER}\n${line(good)}\n`));
    expect(rejected).toEqual([]);
    const input = accepted[0]!.input;
    expect(input.names).toEqual([
      { given: 'Fatima', family: 'Ismailova', script: 'latin' },
      { given: 'Фатима', family: 'Исмаилова', script: 'cyrillic' },
    ]);
    expect(input.mother).toEqual({ name: { given: 'Зайнаб', family: 'Исмаилова', script: 'cyrillic' }, status: 'detained' });
    expect(input.guardians[0]).toMatchObject({ relationship: 'grandmother', email: 'anna@example.org', name: { script: 'cyrillic' } });
    expect(input.requiresMedicalEscort).toBe(false);
    expect(input.birthDate).toEqual({ value: '2015-01-01', precision: 'year' });
  });

  it('names the CSV column of each bad field', () => {
    const text = [HEADER, line({ ...good, familyNameCyrillic: '', guardianEmail: 'not-an-address', birthDatePrecision: 'week', requiresMedicalEscort: 'maybe' })].join('\n');
    const { rejected } = validate(csvImportRows(text));
    expect(rejected.map((r) => r.field).sort()).toEqual(['birthDatePrecision', 'familyNameCyrillic', 'guardianEmail', 'requiresMedicalEscort']);
    expect(rejected.find((r) => r.field === 'familyNameCyrillic')!.reason).toBe('is required');
  });

  it('refuses a header with unknown columns or without rowReference as a whole', () => {
    expect(() => csvImportRows('rowReference,religion\nA,x\n')).toThrow(expect.objectContaining({ violations: [{ field: 'header.religion', message: expect.any(String) }] }));
    expect(() => csvImportRows('sex\nfemale\n')).toThrow(expect.objectContaining({ violations: [{ field: 'header.rowReference', message: 'is required' }] }));
  });

  it('reads quoted cells with commas and a byte order mark', () => {
    const text = `\uFEFF${HEADER}\n${line({ ...good, facilityName: '"Camp Al-Hol, sector 4"' })}\n`;
    expect(validate(csvImportRows(text)).accepted[0]!.input.facility.name).toBe('Camp Al-Hol, sector 4');
  });
});
