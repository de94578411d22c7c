import { ProgrammeCreatedV1, ProgrammeParticipantsChangedV1, ProgrammeResumedV1, ProgrammeSuspendedV1 } from '@homeward/contracts';
import { TransientError } from '@homeward/errors';
import { on, type HandlerRegistration } from '@homeward/messaging';
import type { ApplyOutcome } from '@homeward/persistence';
import type { LogisticsStores } from '../store/logistics.stores';

/** A programme event for a programme not created yet here: its creation is still on its way (retry in place). */
const existing = (outcome: ApplyOutcome, programmeId: string): void => {
  if (outcome === 'missing') throw new TransientError(`programme ${programmeId} is not known yet`);
};

export function programmeCopyHandlers(stores: LogisticsStores): HandlerRegistration[] {
  const { programmes } = stores;
  return [
    on(ProgrammeCreatedV1, async (event) => {
      const { programmeId, name, escortPolicy, participatingAgencies } = event.data;
      await programmes.create(programmeId, { name, status: 'active', suspendedReason: null, escortPolicy, ...(participatingAgencies ? { participatingAgencies } : {}) }, [], event.id);
    }),
    on(ProgrammeSuspendedV1, async (event) => {
      const { programmeId, reason } = event.data;
      existing(await programmes.applyOnce(programmeId, event.id, { status: 'suspended', suspendedReason: reason }, []), programmeId);
    }),
    on(ProgrammeResumedV1, async (event) => {
      const { programmeId } = event.data;
      existing(await programmes.applyOnce(programmeId, event.id, { status: 'active', suspendedReason: null }, []), programmeId);
    }),
    // Intake's repair of a programme from before the lists: its copy here gets the same list.
    on(ProgrammeParticipantsChangedV1, async (event) => {
      const { programmeId, participatingAgencies } = event.data;
      existing(await programmes.applyOnce(programmeId, event.id, { participatingAgencies }, []), programmeId);
    }),
  ];
}
