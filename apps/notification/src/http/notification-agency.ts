import { AgencyGate, type ProgrammeDirectory } from '@homeward/auth';
import { AggregateStore } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import { registerGuardianContactsModel, type GuardianContactsRecord } from '../store/guardian-contacts.model';
import { registerProgrammeParticipantsModel } from '../store/programme-participants.model';

/**
 * Notification's side of the agency rule (libs/auth agency-policy): the
 * participants of each programme come with `programme.created.v1`, a case's
 * programme with its registration (kept beside the guardians' contacts).
 */
export function notificationAgency(context: ServiceContext) {
  const programmes = registerProgrammeParticipantsModel(context.connection);
  const contacts = new AggregateStore<GuardianContactsRecord>(registerGuardianContactsModel(context.connection));
  const directory: ProgrammeDirectory = {
    participantsOf: async (programmeId) => {
      const found = await programmes.findOne({ _id: programmeId }).lean().exec();
      return found ? { participants: found.participatingAgencies } : null;
    },
    all: async () => (await programmes.find().lean().exec()).map((p) => ({ programmeId: p._id, participants: p.participatingAgencies })),
  };
  const gate = new AgencyGate(context.agencies, directory);
  // A case notification has no contacts for is, to it, a case that does not exist.
  const scope = gate.scope('case', 'caseId', async (caseId) => {
    const found = await contacts.find(caseId);
    return found ? { programmeId: found.programmeId } : null;
  });
  return { gate, case: scope };
}
