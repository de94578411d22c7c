import { CaseClearedV1 } from '@homeward/contracts';
import { on, type HandlerRegistration } from '@homeward/messaging';
import { AggregateStore } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import { registerClearedCaseModel, type ClearedCaseRecord } from '../store/cleared-case.model';

export function clearedCaseHandlers(context: ServiceContext): HandlerRegistration[] {
  const cleared = new AggregateStore<ClearedCaseRecord>(registerClearedCaseModel(context.connection));
  return [
    on(CaseClearedV1, async (event) => {
      const { caseId, programmeId, destinationState, clearedAt } = event.data;
      await cleared.create(caseId, { programmeId, destinationState, clearedAt }, [], event.id);
    }),
  ];
}
