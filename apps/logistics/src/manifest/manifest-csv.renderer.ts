import { stringify } from 'csv-stringify/sync';
import type { Manifest } from '../domain/manifest';

export const MANIFEST_CSV_COLUMNS = [
  'seat',
  'caseId',
  'name',
  'sex',
  'dateOfBirth',
  'infant',
  'status',
  'guardian',
  'medicalNeeds',
  'escort',
] as const;

/** One row per child in seat order, UTF-8 with every script as recorded; the totals are in the PDF and the movement. */
export function renderManifestCsv(manifest: Manifest): string {
  return stringify(
    manifest.rows.map((r) => ({ ...r, infant: r.infant ? 'yes' : 'no' })),
    { header: true, columns: [...MANIFEST_CSV_COLUMNS] },
  );
}
