import type { Express } from 'express';
import { z } from 'zod';
import { route } from '@homeward/http';
import type { ServiceContext } from '@homeward/runtime';
import { registerDeliveryModel } from '../store/delivery.model';

const CaseIdParams = z.object({ caseId: z.uuid().describe('Id of the case.') }).strict();

export function deliveryRoutes(app: Express, context: ServiceContext): void {
  const deliveries = registerDeliveryModel(context.connection);
  app.get(
    '/cases/:caseId/deliveries',
    route({ params: CaseIdParams }, async ({ params }, _req, res) => {
      const found = await deliveries
        .find({ caseId: params.caseId }, { caseId: 1, guardianId: 1, milestone: 1, status: 1, attempts: 1, sentAt: 1 })
        .sort({ _id: 1 })
        .lean();
      res.json({ caseId: params.caseId, deliveries: found.map(({ _id, ...d }) => ({ deliveryId: _id, ...d })) });
    }),
  );
}
