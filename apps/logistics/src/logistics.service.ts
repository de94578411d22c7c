import type { Model } from 'mongoose';
import type { ServiceDefinition } from '@homeward/runtime';
import { caseCopyHandlers } from './consumers/case-copy.handlers';
import { legalStateHandlers } from './consumers/legal-state.handlers';
import { programmeCopyHandlers } from './consumers/programme-copy.handlers';
import { logisticsRoutes } from './http/logistics.routes';
import { registerCaseCopyModel } from './store/case-copy.model';
import { logisticsStores } from './store/logistics.stores';
import { registerMovementModel } from './store/movement.model';
import { registerProgrammeCopyModel } from './store/programme-copy.model';

export const logisticsService: ServiceDefinition = {
  name: 'logistics',
  models: (connection) => {
    // Every aggregate's commit log goes through the relay, which also brings its queried documents up to date.
    return [registerMovementModel(connection), registerCaseCopyModel(connection), registerProgrammeCopyModel(connection)].map(
      (model) => model as unknown as Model<never>,
    );
  },
  routes: logisticsRoutes,
  handlers: (context) => {
    const stores = logisticsStores(context.connection);
    return [...programmeCopyHandlers(stores), ...caseCopyHandlers(stores, context), ...legalStateHandlers(stores, context)];
  },
  // Case copies are not here: seats and boarding, logistics' own commands, live in them too.
  projections: (context) => [{ collection: 'programme_copies', handlers: programmeCopyHandlers(logisticsStores(context.connection)) }],
};
