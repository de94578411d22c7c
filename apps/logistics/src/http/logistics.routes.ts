import type { Express } from 'express';
import { createApiRouter } from '@homeward/http';
import type { ServiceContext } from '@homeward/runtime';
import { logisticsStores } from '../store/logistics.stores';
import { assignmentRoutes } from './assignment.routes';
import { caseRoutes } from './case.routes';
import { escortRoutes } from './escort.routes';
import { journeyRoutes } from './journey.routes';
import { logisticsAgency } from './logistics-agency';
import { manifestRoutes } from './manifest.routes';
import { movementRoutes } from './movement.routes';

/** Every route of the service, in one OpenAPI document served at /openapi.json. */
export function logisticsRoutes(app: Express, context: ServiceContext): void {
  const api = createApiRouter(app, {
    title: 'Homeward logistics',
    version: '1.0.0',
    description: 'Movements (flights home), escorts, seat assignment, manifests, boarding, arrival and handover.',
  });
  const stores = logisticsStores(context.connection);
  const agency = logisticsAgency(context, stores);
  movementRoutes(api, stores, context, agency);
  escortRoutes(api, stores, context, agency);
  assignmentRoutes(api, stores, context, agency);
  journeyRoutes(api, stores, context, agency);
  manifestRoutes(api, stores, agency);
  caseRoutes(api, stores, agency);
}
