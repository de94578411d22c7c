import { ProgrammeCreatedV1, ProgrammeParticipantsChangedV1 } from '@homeward/contracts';
import { TransientError } from '@homeward/errors';
import { on, type HandlerRegistration } from '@homeward/messaging';
import type { ServiceContext } from '@homeward/runtime';
import { registerProgrammeModel } from '../store/programme.model';

const DUPLICATE_KEY = 11000;

/**
 * Keeps the checklist of every programme, which files are opened with, and
 * the agencies that participate in it (who may act on its files).
 * Suspension and resumption are not consumed: they stop movements, not legal work.
 */
export function programmeHandlers(context: ServiceContext): HandlerRegistration[] {
  const programmes = registerProgrammeModel(context.connection);
  return [
    on(ProgrammeCreatedV1, async (event) => {
      const { programmeId, requirements, participatingAgencies, createdAt } = event.data;
      try {
        await programmes.collection.insertOne({ _id: programmeId, requirements, ...(participatingAgencies ? { participatingAgencies } : {}), createdAt } as never);
      } catch (error) {
        // A programme is created once; a redelivery finds it stored.
        if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      }
    }),
    // Intake's repair of a programme from before the lists: its copy here gets the same list.
    on(ProgrammeParticipantsChangedV1, async (event) => {
      const { programmeId, participatingAgencies } = event.data;
      const result = await programmes.updateOne({ _id: programmeId }, { $set: { participatingAgencies } });
      if (result.matchedCount === 0) throw new TransientError(`programme ${programmeId} is not known yet`);
    }),
  ];
}
