import type { Model } from 'mongoose';
import { createApiRouter } from '@homeward/http';
import type { ServiceDefinition } from '@homeward/runtime';
import { caseStageHandlers } from './consumers/case-stage.handlers';
import { caseChangeRoutes } from './http/case-changes.routes';
import { caseFamilyRoutes } from './http/case-family.routes';
import { caseRoutes } from './http/case.routes';
import { programmeRoutes } from './http/programme.routes';
import { registerCaseModel } from './store/case.model';
import { registerProgrammeModel } from './store/programme.model';

export const intakeService: ServiceDefinition = {
  name: 'intake',
  models: (connection) => [registerProgrammeModel(connection), registerCaseModel(connection)] as unknown as Model<never>[],
  routes: (app, context) => {
    const api = createApiRouter(app, {
      title: 'Homeward intake',
      version: '1.0.0',
      description: 'Programmes, child cases, candidate guardians and siblings; the case stage follows legal and logistics.',
    });
    programmeRoutes(api, context);
    caseRoutes(api, context);
    caseChangeRoutes(api, context);
    caseFamilyRoutes(api, context);
  },
  handlers: caseStageHandlers,
};
