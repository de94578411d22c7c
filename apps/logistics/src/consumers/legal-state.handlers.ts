import { CaseClearedV1, CaseHoldLiftedV1, CaseHoldPlacedV1, CaseRejectedV1 } from '@homeward/contracts';
import { TransientError } from '@homeward/errors';
import { on, onEvenIfErased, type HandlerRegistration } from '@homeward/messaging';
import type { ServiceContext } from '@homeward/runtime';
import type { LogisticsStores } from '../store/logistics.stores';
import { releaseSeat } from './release-seat';

/** Legal's decisions as logistics needs them: in the cleared pool, on hold, or out. */
export function legalStateHandlers(stores: LogisticsStores, context: ServiceContext): HandlerRegistration[] {
  const { cases } = stores;
  const mustExist = async (caseId: string) => {
    const copy = await cases.find(caseId);
    // Legal's topic may be read ahead of intake's: wait for the registration.
    if (!copy) throw new TransientError(`case ${caseId} is not known yet`);
    return copy;
  };
  return [
    on(CaseClearedV1, async (event) => {
      await mustExist(event.data.caseId);
      await cases.applyOnce(event.data.caseId, event.id, { cleared: true }, []);
    }),
    onEvenIfErased(CaseHoldPlacedV1, async (event) => {
      const { caseId, holdId } = event.data;
      const copy = await mustExist(caseId);
      await cases.applyOnce(caseId, event.id, { holds: [...new Set([...copy.holds, holdId])] }, []);
      // Runs on a redelivery too (the seat may not have been released before a crash); a no-op once done.
      await releaseSeat(stores, context, caseId, 'hold placed', event);
    }),
    on(CaseHoldLiftedV1, async (event) => {
      const { caseId, holdId } = event.data;
      const copy = await mustExist(caseId);
      await cases.applyOnce(caseId, event.id, { holds: copy.holds.filter((h) => h !== holdId) }, []);
    }),
    onEvenIfErased(CaseRejectedV1, async (event) => {
      const { caseId } = event.data;
      await mustExist(caseId);
      // Not the reason: legal seals it (it may name the child), and logistics needs only the fact.
      await cases.applyOnce(caseId, event.id, { exit: 'rejected', exitNote: 'rejected' }, []);
      await releaseSeat(stores, context, caseId, 'case rejected', event);
    }),
  ];
}
