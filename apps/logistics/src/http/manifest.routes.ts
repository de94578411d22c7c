import type { Request } from 'express';
import type { ApiRouter } from '@homeward/http';
import { buildManifest, type ManifestChildFacts } from '../domain/manifest';
import { renderManifestCsv } from '../manifest/manifest-csv.renderer';
import { renderManifestPdf } from '../manifest/manifest-pdf.renderer';
import type { LogisticsStores } from '../store/logistics.stores';
import { programmeFacts } from '../store/programme-copy.model';
import { MovementIdParams } from './movement.request';
import type { LogisticsAgency } from './logistics-agency';

const tags = ['manifest'];

export function manifestRoutes(api: ApiRouter, stores: LogisticsStores, agency: LogisticsAgency): void {
  const manifestOf = async (movementId: string) => {
    const movement = await stores.movements.get(movementId, 'movement');
    const copies = await stores.facts.copies(movement.passengers.map((p) => p.caseId));
    const children = new Map<string, ManifestChildFacts>(
      [...copies.values()].map((c) => [c._id, { ...c, caseId: c._id, medicalNeeds: c.medicalNeeds ?? undefined }]),
    );
    const programme = programmeFacts(await stores.programmes.find(movement.programmeId));
    return buildManifest(movementId, movement, children, programme?.escortPolicy ?? null);
  };
  const fileName = (req: Request, ext: string) => `manifest-${String(req.params['movementId'])}.${ext}`;

  api.get(
    '/movements/:movementId/manifest.csv',
    { permission: 'manifest:read', scope: agency.movement, summary: 'The manifest as CSV: each child with seat, sex, date of birth, guardian, medical needs and escort', tags, params: MovementIdParams, responses: { 200: { description: 'The manifest, UTF-8 CSV with a header row.', contentType: 'text/csv' } } },
    async ({ params }, req, res) => {
      const csv = renderManifestCsv(await manifestOf(params.movementId));
      res.type('text/csv; charset=utf-8').attachment(fileName(req, 'csv')).send(csv);
    },
  );

  api.get(
    '/movements/:movementId/manifest.pdf',
    { permission: 'manifest:read', scope: agency.movement, summary: 'The manifest as PDF: flight details, each child, totals of children, infants and escorts by role', tags, params: MovementIdParams, responses: { 200: { description: 'The manifest, a PDF document.', contentType: 'application/pdf' } } },
    async ({ params }, req, res) => {
      const pdf = await renderManifestPdf(await manifestOf(params.movementId));
      res.type('application/pdf').attachment(fileName(req, 'pdf')).send(pdf);
    },
  );
}
