import { z } from 'zod';
import { CaseRegisteredPersonal, CountryCode, RegisteredGuardian, SexSchema } from '@homeward/contracts';

/** Body of POST /cases: the registration event's fields that a case worker supplies. */
export const RegisterCaseRequest = z
  .object({
    programmeId: z.string().min(1).max(100).describe('Programme the child is registered under.'),
    originState: CountryCode,
    destinationState: CountryCode,
    sex: SexSchema,
    names: CaseRegisteredPersonal.shape.names,
    birthDate: CaseRegisteredPersonal.shape.birthDate,
    facility: CaseRegisteredPersonal.shape.facility,
    guardians: z.array(RegisteredGuardian.omit({ guardianId: true })).max(10).describe('Candidate guardians.'),
  })
  .strict();
export type RegisterCaseRequest = z.infer<typeof RegisterCaseRequest>;

export const CaseIdParams = z.object({ caseId: z.uuid().describe('Id of the case.') }).strict();
