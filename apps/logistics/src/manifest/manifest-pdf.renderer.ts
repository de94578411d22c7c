import PDFDocument from 'pdfkit';
import { transliterate } from 'transliteration';
import type { Manifest } from '../domain/manifest';

/**
 * PDF's standard fonts cover Latin-1 only, and embedding a font file would tie
 * the service to one machine's fonts: every text is transliterated to Latin,
 * which is also what airport staff at both ends can read. The CSV keeps every
 * script as recorded.
 */
const latin = (text: string): string => transliterate(text);

const COLUMNS = [
  { title: 'Seat', width: 32, value: (r: Manifest['rows'][number]) => String(r.seat) },
  { title: 'Child', width: 150, value: (r: Manifest['rows'][number]) => r.name },
  { title: 'Sex', width: 42, value: (r: Manifest['rows'][number]) => r.sex },
  { title: 'Date of birth', width: 90, value: (r: Manifest['rows'][number]) => `${r.dateOfBirth}${r.infant ? ' infant' : ''}` },
  { title: 'Guardian', width: 160, value: (r: Manifest['rows'][number]) => r.guardian },
  { title: 'Medical needs', width: 140, value: (r: Manifest['rows'][number]) => r.medicalNeeds },
  { title: 'Escort', width: 130, value: (r: Manifest['rows'][number]) => r.escort },
] as const;

export function renderManifestPdf(manifest: Manifest, options: { compress?: boolean } = {}): Promise<Buffer> {
  const { movement, rows, totals } = manifest;
  const { flight } = movement;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    compress: options.compress ?? true,
    info: { Title: `Manifest ${flight.flightNumber}`, Subject: `Movement ${manifest.movementId}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(16).text(latin(`Manifest - ${flight.operator} flight ${flight.flightNumber}`));
  doc.font('Helvetica').fontSize(10);
  doc.text(`${flight.departureAirport} -> ${flight.arrivalAirport}, scheduled departure ${flight.scheduledDeparture}`);
  doc.text(`Movement ${manifest.movementId}, programme ${movement.programmeId}, status ${movement.status}, ${movement.seats} seats`);
  doc.moveDown();

  const x0 = doc.page.margins.left;
  const drawRow = (cells: readonly string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    const y = doc.y;
    const heights = cells.map((cell, i) => doc.heightOfString(latin(cell), { width: COLUMNS[i]!.width - 4 }));
    const height = Math.max(...heights, 10) + 4;
    if (y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    let x = x0;
    cells.forEach((cell, i) => {
      doc.text(latin(cell), x, top, { width: COLUMNS[i]!.width - 4 });
      x += COLUMNS[i]!.width;
    });
    doc.x = x0;
    doc.y = top + height;
  };
  drawRow(COLUMNS.map((c) => c.title), true);
  for (const row of rows) drawRow(COLUMNS.map((c) => c.value(row)), false);

  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(10).text('Totals', x0);
  doc.font('Helvetica');
  doc.text(`Children: ${totals.children}   Infants: ${totals.infants}   Escorts: ${totals.escorts} (needed ${totals.escortsNeeded})`);
  doc.text(
    `Escorts by role: ${Object.entries(totals.escortsByRole)
      .map(([role, n]) => `${role} ${n}`)
      .join(', ')}`,
  );
  if (movement.escorts.length > 0) {
    doc.moveDown(0.5).text(`Escorts: ${movement.escorts.map((e) => latin(`${e.name} (${e.role})`)).join('; ')}`);
  }
  doc.end();
  return done;
}
