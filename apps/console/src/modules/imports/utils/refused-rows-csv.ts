export interface RefusedRow {
  readonly row: number;
  readonly field: string;
  readonly reason: string;
  readonly rule?: string;
}

const cell = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The refused rows of an import's report as a CSV file the case worker downloads to correct the list. */
export function refusedRowsCsv(rows: readonly RefusedRow[]): string {
  return ['row,field,reason,rule', ...rows.map((r) => [r.row, r.field, r.reason, r.rule ?? ''].map(cell).join(','))].join('\r\n') + '\r\n';
}
