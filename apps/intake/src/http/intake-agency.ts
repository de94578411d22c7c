import { AgencyGate, type ProgrammeDirectory } from '@homeward/auth';
import type { ServiceContext } from '@homeward/runtime';
import { CaseRepository } from '../store/case.repository';
import { duplicateStore } from '../store/duplicate.model';
import { importJobStore } from '../store/import-job.model';
import { programmeStore } from '../store/programme.repository';

/**
 * Intake's side of the agency rule (libs/auth agency-policy): the programmes
 * it owns list their participants, and every object a route names is found
 * in its programme: a case, an import, a duplicate (through its first case),
 * a programme itself.
 */
export function intakeAgency(context: ServiceContext) {
  const programmes = programmeStore(context.connection);
  const directory: ProgrammeDirectory = {
    participantsOf: async (programmeId) => {
      const found = await programmes.find(programmeId);
      return found ? { participants: found.participatingAgencies } : null;
    },
    all: async () => {
      const found = await programmes.model.find({}, { participatingAgencies: 1 }).lean().exec();
      return found.map((p) => ({ programmeId: String(p._id), participants: (p as { participatingAgencies?: string[] }).participatingAgencies }));
    },
  };
  const gate = new AgencyGate(context.agencies, directory);
  const cases = new CaseRepository(context.connection);
  const caseProgramme = async (caseId: string) => {
    const found = await cases.find(caseId);
    return found ? { programmeId: found.programmeId } : null;
  };
  const duplicates = duplicateStore(context.connection);
  const imports = importJobStore(context.connection);
  return {
    gate,
    programme: gate.scope('programme', 'programmeId', async (id) => ((await programmes.find(id)) ? { programmeId: id } : null)),
    case: gate.scope('case', 'caseId', caseProgramme),
    duplicate: gate.scope('duplicate', 'duplicateId', async (id) => {
      const found = await duplicates.find(id);
      if (!found) return null;
      // The pair's first case: duplicates are looked for among the cases of one programme.
      return found.caseIds[0] === undefined ? {} : ((await caseProgramme(found.caseIds[0])) ?? {});
    }),
    import: gate.scope('import', 'importId', async (id) => {
      const found = await imports.find(id);
      return found ? { programmeId: found.programmeId } : null;
    }),
  };
}

export type IntakeAgency = ReturnType<typeof intakeAgency>;
