import { parse } from 'csv-parse/sync';
import { buildManifest } from '../domain/manifest';
import { AT, caseIdOf, escort, movement, OLDER_CHILD, policy } from '../test-support/movement.fixtures';
import { pdfText } from '../test-support/pdf-text';
import { MANIFEST_CSV_COLUMNS, renderManifestCsv } from './manifest-csv.renderer';
import { renderManifestPdf } from './manifest-pdf.renderer';

const manifest = buildManifest(
  'movement-1',
  movement({ passengers: [{ caseId: caseIdOf(1), seat: 1, status: 'assigned', assignedAt: AT }], escorts: [escort(1, 'psychologist')] }),
  new Map([
    [
      caseIdOf(1),
      {
        caseId: caseIdOf(1),
        sex: 'female',
        birthDate: OLDER_CHILD,
        names: [{ given: 'Тестия', family: 'Примерова', script: 'cyrillic' as const }],
        guardians: [{ name: { given: 'Анна', family: 'Примерова', script: 'cyrillic' as const }, relationship: 'grandmother' }],
        medicalNeeds: 'Asthma, "inhaler", daily',
        requiresMedicalEscort: false,
      },
    ],
  ]),
  policy,
);

describe('manifest renderers', () => {
  it('writes a CSV that parses back to the rows, quotes and scripts intact', () => {
    const rows = parse(renderManifestCsv(manifest), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...MANIFEST_CSV_COLUMNS]);
    expect(rows).toEqual([
      expect.objectContaining({ seat: '1', caseId: caseIdOf(1), name: 'Примерова, Тестия', medicalNeeds: 'Asthma, "inhaler", daily', infant: 'no' }),
    ]);
  });

  it.each([false, true])('writes a real PDF with the flight, the children (transliterated) and the totals (compress %s)', async (compress) => {
    const pdf = await renderManifestPdf(manifest, { compress });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF/);
    const text = pdfText(pdf);
    expect(text).toContain('TEST-1');
    expect(text).toContain('BGW -> ZIA');
    expect(text).toContain('Primerova, Testiya');
    expect(text).toContain('Children: 1');
    expect(text).toContain('psychologist 1');
  });
});
