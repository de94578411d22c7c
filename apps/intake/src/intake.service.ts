import type { Model } from 'mongoose';
import type { ServiceDefinition } from '@homeward/runtime';
import { caseStageHandlers } from './consumers/case-stage.handlers';
import { caseRoutes } from './http/case.routes';
import { registerCaseModel } from './store/case.model';

export const intakeService: ServiceDefinition = {
  name: 'intake',
  models: (connection) => [registerCaseModel(connection) as unknown as Model<never>],
  routes: caseRoutes,
  handlers: caseStageHandlers,
};
