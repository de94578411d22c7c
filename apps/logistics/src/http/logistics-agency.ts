import { AgencyGate, type ProgrammeDirectory } from '@homeward/auth';
import type { ServiceContext } from '@homeward/runtime';
import type { LogisticsStores } from '../store/logistics.stores';

/**
 * Logistics' side of the agency rule (libs/auth agency-policy): the
 * participants of each programme come with `programme.created.v1` into its
 * programme copy; a movement belongs to its programme, a case copy to its
 * case's programme.
 */
export function logisticsAgency(context: ServiceContext, stores: LogisticsStores) {
  const directory: ProgrammeDirectory = {
    participantsOf: async (programmeId) => {
      const found = await stores.programmes.find(programmeId);
      return found ? { participants: found.participatingAgencies } : null;
    },
    all: async () =>
      (await stores.programmes.model.find({}, { participatingAgencies: 1 }).lean().exec()).map((p) => ({
        programmeId: String(p._id),
        participants: (p as { participatingAgencies?: string[] }).participatingAgencies,
      })),
  };
  const gate = new AgencyGate(context.agencies, directory);
  return {
    gate,
    movement: gate.scope('movement', 'movementId', async (id) => {
      const found = await stores.movements.find(id);
      return found ? { programmeId: found.programmeId } : null;
    }),
    case: gate.scope('case', 'caseId', async (id) => {
      const found = await stores.cases.find(id);
      return found ? { programmeId: found.programmeId } : null;
    }),
  };
}

export type LogisticsAgency = ReturnType<typeof logisticsAgency>;
