import { ProgrammeCreatedV1, ProgrammeParticipantsChangedV1 } from '@homeward/contracts';
import { on, type HandlerRegistration } from '@homeward/messaging';
import type { ServiceContext } from '@homeward/runtime';
import { registerProgrammeParticipantsModel } from '../store/programme-participants.model';

/** Keeps who participates in each programme: whose people may read its cases' e-mail deliveries. */
export function programmeParticipantsHandlers(context: ServiceContext): HandlerRegistration[] {
  const programmes = registerProgrammeParticipantsModel(context.connection);
  return [
    on(ProgrammeCreatedV1, async (event) => {
      const { programmeId, participatingAgencies } = event.data;
      // A programme is created once; a redelivery writes the same again.
      await programmes.updateOne({ _id: programmeId }, participatingAgencies ? { $set: { participatingAgencies } } : { $setOnInsert: { _id: programmeId } }, { upsert: true });
    }),
    // Intake's repair of a programme from before the lists: its copy here gets the same list.
    on(ProgrammeParticipantsChangedV1, async (event) => {
      const { programmeId, participatingAgencies } = event.data;
      await programmes.updateOne({ _id: programmeId }, { $set: { participatingAgencies } }, { upsert: true });
    }),
  ];
}
