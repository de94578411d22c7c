import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { CaseRegisteredV1 } from '@homeward/contracts';
import { requestIdOf, route } from '@homeward/http';
import { AggregateStore } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import { CaseStage } from '../domain/case-stage';
import { registerCaseModel, type CaseRecord } from '../store/case.model';
import { CaseIdParams, RegisterCaseRequest } from './register-case.request';

export function caseRoutes(app: Express, context: ServiceContext): void {
  const cases = new AggregateStore<CaseRecord>(registerCaseModel(context.connection));

  app.post(
    '/cases',
    route({ body: RegisterCaseRequest }, async ({ body }, req, res) => {
      const caseId = randomUUID();
      const registeredAt = new Date().toISOString();
      const personal = {
        names: body.names,
        birthDate: body.birthDate,
        facility: body.facility,
        guardians: body.guardians.map((g) => ({ ...g, guardianId: randomUUID() })),
      };
      const { names: _n, birthDate: _b, facility: _f, guardians: _g, ...nonPersonal } = body;
      const record: CaseRecord = { ...nonPersonal, stage: CaseStage.registered, registeredAt, personal };
      const event = context.events(
        CaseRegisteredV1,
        { caseId, ...nonPersonal, registeredAt, personal },
        { correlationid: requestIdOf(req) },
      );
      await cases.createOrConflict(caseId, record, [event], 'case');
      context.published();
      res.status(201).location(`/cases/${caseId}`).setHeader('etag', '"1"').json({ caseId, stage: record.stage, registeredAt });
    }),
  );

  app.get(
    '/cases/:caseId',
    route({ params: CaseIdParams }, async ({ params }, _req, res) => {
      const found = await cases.get(params.caseId, 'case');
      const { _id, version, ...rest } = found;
      res.setHeader('etag', `"${version}"`).json({ caseId: _id, ...rest });
    }),
  );
}
