import { AgencyGate, type ProgrammeDirectory } from '@homeward/auth';
import type { AggregateStore } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import type { LegalFileRecord } from '../store/legal-file.model';
import { registerProgrammeModel } from '../store/programme.model';

/**
 * Legal's side of the agency rule (libs/auth agency-policy): the
 * participants of each programme come with `programme.created.v1` into its
 * local copy, and a legal file belongs to the programme of its case.
 */
export function legalAgency(context: ServiceContext, files: AggregateStore<LegalFileRecord>) {
  const programmes = registerProgrammeModel(context.connection);
  const directory: ProgrammeDirectory = {
    participantsOf: async (programmeId) => {
      const found = await programmes.findOne({ _id: programmeId }, { participatingAgencies: 1 }).lean().exec();
      return found ? { participants: found.participatingAgencies } : null;
    },
    all: async () => (await programmes.find({}, { participatingAgencies: 1 }).lean().exec()).map((p) => ({ programmeId: p._id, participants: p.participatingAgencies })),
  };
  const gate = new AgencyGate(context.agencies, directory);
  const scope = gate.scope('legal file', 'caseId', async (caseId) => {
    const found = await files.find(caseId);
    return found ? { programmeId: found.programmeId } : null;
  });
  return { gate, scope };
}
