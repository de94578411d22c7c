import type { Model } from 'mongoose';
import { createApiRouter } from '@homeward/http';
import type { ServiceDefinition } from '@homeward/runtime';
import { legalFileHandlers } from './consumers/legal-file.handlers';
import { programmeHandlers } from './consumers/programme.handlers';
import { clearanceRoutes } from './http/clearance.routes';
import { holdRoutes } from './http/hold.routes';
import { legalFileCommands } from './http/legal-file.command';
import { legalFileRoutes } from './http/legal-file.routes';
import { requirementRoutes } from './http/requirement.routes';
import { registerLegalFileModel } from './store/legal-file.model';
import { registerProgrammeModel } from './store/programme.model';

export const legalService: ServiceDefinition = {
  name: 'legal',
  models: (connection) => {
    // Registered for its index; it has no outbox, so the relay does not poll it.
    registerProgrammeModel(connection);
    return [registerLegalFileModel(connection) as unknown as Model<never>];
  },
  routes: (app, context) => {
    const api = createApiRouter(app, {
      title: 'Homeward legal',
      version: '1',
      description: 'Legal files: requirements, evidence, decisions, holds and four-eyes clearance. Every call carries a bearer token (JWT) naming the person, their roles and agency.',
    });
    const commands = legalFileCommands(context);
    legalFileRoutes(api, commands);
    requirementRoutes(api, commands);
    holdRoutes(api, commands);
    clearanceRoutes(api, commands);
  },
  handlers: (context) => [...programmeHandlers(context), ...legalFileHandlers(context)],
  // Legal files are not here: evidence and decisions, legal's own commands, live in them.
  projections: (context) => [{ collection: 'programmes', handlers: programmeHandlers(context) }],
};
