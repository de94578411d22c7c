import type { Model } from 'mongoose';
import type { ServiceDefinition } from '@homeward/runtime';
import { clearedCaseHandlers } from './consumers/cleared-case.handlers';
import { movementRoutes } from './http/movement.routes';
import { registerClearedCaseModel } from './store/cleared-case.model';
import { registerMovementModel } from './store/movement.model';

export const logisticsService: ServiceDefinition = {
  name: 'logistics',
  models: (connection) => {
    registerClearedCaseModel(connection);
    return [registerMovementModel(connection) as unknown as Model<never>];
  },
  routes: movementRoutes,
  handlers: clearedCaseHandlers,
};
