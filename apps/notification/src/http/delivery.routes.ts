import type { Express } from 'express';
import { z } from 'zod';
import { createApiRouter } from '@homeward/http';
import type { ServiceContext } from '@homeward/runtime';
import { registerDeliveryModel } from '../store/delivery.model';

const CaseIdParams = z.object({ caseId: z.uuid().describe('Id of the case.') }).strict();

const Delivery = z.object({
  deliveryId: z.string().describe('Idempotency key: case, milestone and guardian.'),
  caseId: z.uuid(),
  guardianId: z.uuid(),
  milestone: z.string().describe('Milestone the e-mail is about.'),
  status: z.enum(['sending', 'sent']).describe('Whether the SMTP server has accepted the e-mail.'),
  attempts: z.number().int().describe('Send attempts so far.'),
  sentAt: z.string().optional().describe('When the SMTP server accepted it.'),
});
const Deliveries = z.object({ caseId: z.uuid(), deliveries: z.array(Delivery) });

export function deliveryRoutes(app: Express, context: ServiceContext): void {
  const deliveries = registerDeliveryModel(context.connection);
  const api = createApiRouter(app, { title: 'Homeward notification API', version: '1.0.0' });
  api.get(
    '/cases/:caseId/deliveries',
    { permission: 'delivery:read', summary: "The guardians' e-mails about a case and whether each was sent", params: CaseIdParams, responses: { 200: Deliveries } },
    async ({ params }, _req, res) => {
      const found = await deliveries
        .find({ caseId: params.caseId }, { caseId: 1, guardianId: 1, milestone: 1, status: 1, attempts: 1, sentAt: 1 })
        .sort({ _id: 1 })
        .lean();
      res.json({ caseId: params.caseId, deliveries: found.map(({ _id, ...d }) => ({ deliveryId: _id, ...d })) });
    },
  );
}
