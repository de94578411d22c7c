import type { ApiRouter } from '@homeward/http';
import type { LogisticsStores } from '../store/logistics.stores';
import { CaseIdParams } from './movement.request';
import { CaseLogisticsView } from './movement.response';
import type { LogisticsAgency } from './logistics-agency';

export function caseRoutes(api: ApiRouter, stores: LogisticsStores, agency: LogisticsAgency): void {
  api.get(
    '/cases/:caseId',
    { permission: 'movement:read', scope: agency.case, summary: "Logistics' view of a case: cleared, on hold, in the cleared pool, which movement seats it", tags: ['cases'], params: CaseIdParams, responses: { 200: CaseLogisticsView } },
    async ({ params }, _req, res) => {
      const copy = await stores.cases.get(params.caseId, 'case');
      const holder = await stores.facts.seatHolder(copy);
      const passenger = holder?.passengers.find((p) => p.caseId === copy._id) ?? null;
      const onHold = copy.holds.length > 0;
      res.json({
        caseId: copy._id,
        programmeId: copy.programmeId,
        cleared: copy.cleared,
        onHold,
        exit: copy.exit,
        inClearedPool: copy.cleared && copy.exit === null && holder === null,
        movementId: holder?._id ?? null,
        passengerStatus: passenger?.status ?? null,
      });
    },
  );
}
