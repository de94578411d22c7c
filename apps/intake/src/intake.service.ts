import type { Model } from 'mongoose';
import { createApiRouter } from '@homeward/http';
import type { ServiceDefinition } from '@homeward/runtime';
import { caseStageHandlers } from './consumers/case-stage.handlers';
import { duplicateDetectionHandlers } from './consumers/duplicate-detection.handlers';
import { guardianOptOutHandlers } from './consumers/guardian-opt-out.handlers';
import { caseChangeRoutes } from './http/case-changes.routes';
import { caseErasureRoutes } from './http/case-erasure.routes';
import { caseFamilyRoutes } from './http/case-family.routes';
import { caseRoutes } from './http/case.routes';
import { duplicateRoutes } from './http/duplicate.routes';
import { IMPORT_BODY_LIMIT, importRoutes } from './http/import.routes';
import { intakeAgency } from './http/intake-agency';
import { programmeRoutes } from './http/programme.routes';
import { registerCaseModel } from './store/case.model';
import { registerDuplicateModel } from './store/duplicate.model';
import { registerImportChunkModel, registerImportJobModel, registerImportOutcomesModel } from './store/import-job.model';
import { stopImportRunners } from './store/import-runner';
import { registerProgrammeModel } from './store/programme.model';
import { repairListlessProgrammes } from './store/programme-participants.repair';
import { startRetentionJob } from './store/retention-job';

export const intakeService: ServiceDefinition = {
  name: 'intake',
  models: (connection) => {
    registerImportChunkModel(connection);
    registerImportOutcomesModel(connection);
    return [
      registerProgrammeModel(connection),
      registerCaseModel(connection),
      registerImportJobModel(connection),
      registerDuplicateModel(connection),
    ] as unknown as Model<never>[];
  },
  largeJsonBodies: [{ path: '/imports', limit: IMPORT_BODY_LIMIT }],
  routes: (app, context) => {
    const api = createApiRouter(app, {
      title: 'Homeward intake',
      version: '1.0.0',
      description: 'Programmes, child cases, candidate guardians and siblings, bulk import and duplicate review; the case stage follows legal and logistics.',
    });
    const agency = intakeAgency(context);
    programmeRoutes(api, context, agency);
    caseRoutes(api, context, agency);
    caseChangeRoutes(api, context, agency);
    caseFamilyRoutes(api, context, agency);
    caseErasureRoutes(api, context, agency);
    importRoutes(app, api, context, agency);
    duplicateRoutes(api, context, agency);
  },
  handlers: (context) => [...caseStageHandlers(context), ...duplicateDetectionHandlers(context), ...guardianOptOutHandlers(context)],
  close: stopImportRunners,
  background: (context, config) => {
    const retention = startRetentionJob(context, { retentionMs: config.CASE_RETENTION_MS, intervalMs: config.RETENTION_SWEEP_MS });
    const repair = repairListlessProgrammes(context).catch((error: unknown) =>
      context.logger.error({ err: error }, 'repair of programmes without a participant list failed; they stay closed to all but the operators, the next start retries'),
    );
    return {
      async stop() {
        await Promise.all([repair, retention.stop()]);
      },
    };
  },
};
