import { parse } from 'csv-parse/sync';
import { ValidationError } from '@homeward/errors';
import type { FieldNamer } from '@homeward/http';
import type { CandidateRow } from './import-rows';

/**
 * The columns of a CSV import, one child per line after a header line naming
 * the columns used (any order; unknown columns refuse the file). Empty cells
 * are absent values. Names are given per script: at least one given/family
 * pair. The script of the mother's, father's and guardian's names is read
 * from their letters. Lists: `claimedNationalities` separated by `;`.
 */
export const CSV_COLUMNS = {
  rowReference: "the list's own reference of the row (required, unique in the list)",
  sex: 'female | male | unknown',
  givenNameLatin: 'given name in Latin script',
  familyNameLatin: 'family name in Latin script',
  givenNameCyrillic: 'given name in Cyrillic script',
  familyNameCyrillic: 'family name in Cyrillic script',
  givenNameArabic: 'given name in Arabic script',
  familyNameArabic: 'family name in Arabic script',
  birthDate: 'YYYY-MM-DD; for an estimate the first day of the known period',
  birthDatePrecision: 'day | month | year (default day)',
  placeOfBirth: 'place of birth',
  facilityType: 'camp | prison | orphanage | other',
  facilityName: 'facility the child is held in',
  facilityCity: 'city of the facility',
  motherGivenName: "mother's given name",
  motherFamilyName: "mother's family name",
  motherStatus: 'detained | convicted | deceased | missing | unknown (default unknown when a mother column is filled)',
  motherLocation: 'where the mother is',
  fatherGivenName: "father's given name",
  fatherFamilyName: "father's family name",
  fatherStatus: 'detained | convicted | deceased | missing | unknown',
  fatherLocation: 'where the father is',
  claimedNationalities: 'ISO 3166 codes separated by ";", e.g. IQ;RU',
  medicalNeeds: 'medical needs an escort must know',
  requiresMedicalEscort: 'true | false (default false)',
  guardianRelationship: 'candidate guardian: relationship to the child, e.g. grandmother',
  guardianGivenName: "guardian's given name",
  guardianFamilyName: "guardian's family name",
  guardianEmail: "guardian's e-mail address",
  guardianPhone: "guardian's telephone, international format",
  guardianPostalAddress: "guardian's postal address",
  guardianPreferredLanguage: 'ru | en | ar | fr | de | tr | fi',
} as const;
export type CsvColumn = keyof typeof CSV_COLUMNS;
type Record_ = Partial<Record<CsvColumn, string>>;

const SCRIPTS = [
  ['latin', 'givenNameLatin', 'familyNameLatin'],
  ['cyrillic', 'givenNameCyrillic', 'familyNameCyrillic'],
  ['arabic', 'givenNameArabic', 'familyNameArabic'],
] as const;

/** Columns of a field path that does not depend on the row (names do: see fieldNamer). */
const COLUMN_OF: Record<string, CsvColumn> = {
  rowReference: 'rowReference',
  sex: 'sex',
  'birthDate.value': 'birthDate',
  'birthDate.precision': 'birthDatePrecision',
  birthDate: 'birthDate',
  placeOfBirth: 'placeOfBirth',
  'facility.type': 'facilityType',
  'facility.name': 'facilityName',
  'facility.city': 'facilityCity',
  claimedNationalities: 'claimedNationalities',
  medicalNeeds: 'medicalNeeds',
  requiresMedicalEscort: 'requiresMedicalEscort',
  'guardians.relationship': 'guardianRelationship',
  'guardians.name.given': 'guardianGivenName',
  'guardians.name.family': 'guardianFamilyName',
  'guardians.name': 'guardianGivenName',
  'guardians.email': 'guardianEmail',
  'guardians.phone': 'guardianPhone',
  'guardians.postalAddress': 'guardianPostalAddress',
  'guardians.preferredLanguage': 'guardianPreferredLanguage',
};
for (const parent of ['mother', 'father'] as const) {
  COLUMN_OF[`${parent}.name.given`] = `${parent}GivenName`;
  COLUMN_OF[`${parent}.name.family`] = `${parent}FamilyName`;
  COLUMN_OF[`${parent}.name`] = `${parent}GivenName`;
  COLUMN_OF[`${parent}.status`] = `${parent}Status`;
  COLUMN_OF[`${parent}.location`] = `${parent}Location`;
}

/** Parses a CSV list into rows for validateImportRows; a file it cannot read at all is refused whole (400). */
export function csvImportRows(text: string): CandidateRow[] {
  let records: Record_[];
  try {
    records = parse(text, { columns: checkedHeader, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true }) as Record_[];
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError('The CSV list cannot be read.', [{ field: 'body', message: (error as Error).message }]);
  }
  return records.map(csvRow);
}

function checkedHeader(header: string[]): string[] {
  const unknown = header.filter((column) => !(column in CSV_COLUMNS));
  const violations = unknown.map((column) => ({ field: `header.${column}`, message: 'is not a column of the import (see the API description)' }));
  if (!header.includes('rowReference')) violations.push({ field: 'header.rowReference', message: 'is required' });
  if (violations.length > 0) throw new ValidationError('The CSV header names unknown or misses required columns.', violations);
  return header;
}

function csvRow(record: Record_): CandidateRow {
  const cell = (column: CsvColumn) => (record[column] === undefined || record[column] === '' ? undefined : record[column]);
  const nameColumns: Array<readonly [CsvColumn, CsvColumn]> = [];
  const names = SCRIPTS.flatMap(([script, given, family]) => {
    if (cell(given) === undefined && cell(family) === undefined) return [];
    nameColumns.push([given, family]);
    return [withoutUndefined({ given: cell(given), family: cell(family), script })];
  });
  const person = (given: CsvColumn, family: CsvColumn) =>
    cell(given) === undefined && cell(family) === undefined
      ? undefined
      : withoutUndefined({ given: cell(given), family: cell(family), script: scriptOf(`${cell(given) ?? ''}${cell(family) ?? ''}`) });
  const parent = (p: 'mother' | 'father') => {
    const name = person(`${p}GivenName`, `${p}FamilyName`);
    const status = cell(`${p}Status`);
    const location = cell(`${p}Location`);
    if (!name && !status && !location) return undefined;
    return withoutUndefined({ name, status: status ?? 'unknown', location });
  };
  const guardian = withoutUndefined({
    relationship: cell('guardianRelationship'),
    name: person('guardianGivenName', 'guardianFamilyName'),
    email: cell('guardianEmail'),
    phone: cell('guardianPhone'),
    postalAddress: cell('guardianPostalAddress'),
    preferredLanguage: cell('guardianPreferredLanguage'),
  });
  const value = withoutUndefined({
    rowReference: cell('rowReference'),
    sex: cell('sex'),
    names,
    birthDate: cell('birthDate') === undefined ? undefined : { value: cell('birthDate'), precision: cell('birthDatePrecision') ?? 'day' },
    placeOfBirth: cell('placeOfBirth'),
    facility: withoutUndefined({ type: cell('facilityType'), name: cell('facilityName'), city: cell('facilityCity') }),
    mother: parent('mother'),
    father: parent('father'),
    claimedNationalities: cell('claimedNationalities')?.split(';').map((c) => c.trim()).filter(Boolean),
    medicalNeeds: cell('medicalNeeds'),
    requiresMedicalEscort: booleanCell(cell('requiresMedicalEscort')),
    guardians: Object.keys(guardian).length > 0 ? [guardian] : undefined,
  });
  return { value, fieldOf: fieldNamer(nameColumns) };
}

/** Names a field by its CSV column: `names/1/given` is the given-name column of the second script present. */
function fieldNamer(nameColumns: ReadonlyArray<readonly [CsvColumn, CsvColumn]>): FieldNamer {
  return (path) => {
    if (path[0] === 'names') {
      const columns = nameColumns[Number(path[1])];
      if (!columns) return 'givenNameLatin';
      return path[2] === 'family' ? columns[1] : columns[0];
    }
    const key = path.filter((p) => typeof p === 'string').join('.');
    return COLUMN_OF[key] ?? key;
  };
}

function scriptOf(text: string): 'latin' | 'cyrillic' | 'arabic' {
  if (/\p{Script=Cyrillic}/u.test(text)) return 'cyrillic';
  if (/\p{Script=Arabic}/u.test(text)) return 'arabic';
  return 'latin';
}

/** Spreadsheets write booleans many ways; anything else is left for the schema to refuse by name. */
function booleanCell(text: string | undefined): boolean | string | undefined {
  if (text === undefined) return undefined;
  const folded = text.toLowerCase();
  if (['true', 'yes', '1', 'y'].includes(folded)) return true;
  if (['false', 'no', '0', 'n'].includes(folded)) return false;
  return text;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
