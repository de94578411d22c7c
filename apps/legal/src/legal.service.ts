import type { Model } from 'mongoose';
import type { ServiceDefinition } from '@homeward/runtime';
import { legalFileHandlers } from './consumers/legal-file.handlers';
import { legalFileRoutes } from './http/legal-file.routes';
import { registerLegalFileModel } from './store/legal-file.model';

export const legalService: ServiceDefinition = {
  name: 'legal',
  models: (connection) => [registerLegalFileModel(connection) as unknown as Model<never>],
  routes: legalFileRoutes,
  handlers: legalFileHandlers,
};
