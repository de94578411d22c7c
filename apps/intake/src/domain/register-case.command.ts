import { z } from 'zod';
import { CasePersonal, CountryCode, ProgrammeId, RegisteredGuardian, SexSchema } from '@homeward/contracts';

/** A candidate guardian as a case worker enters them; intake assigns the id. */
export const NewGuardian = RegisteredGuardian.omit({ guardianId: true }).strict();
export type NewGuardian = z.infer<typeof NewGuardian>;

/**
 * What a case worker (POST /cases) or an import row supplies to register a
 * child. Origin and destination come from the programme, never from the caller.
 */
export const RegisterCaseCommand = z
  .object({
    programmeId: ProgrammeId,
    sex: SexSchema,
    names: CasePersonal.shape.names,
    birthDate: CasePersonal.shape.birthDate,
    placeOfBirth: CasePersonal.shape.placeOfBirth,
    facility: CasePersonal.shape.facility,
    mother: CasePersonal.shape.mother,
    father: CasePersonal.shape.father,
    claimedNationalities: z.array(CountryCode).max(5).default([]).describe('Nationalities claimed for the child.'),
    medicalNeeds: CasePersonal.shape.medicalNeeds,
    requiresMedicalEscort: z.boolean().default(false).describe('A medical escort must travel with the child.'),
    guardians: z.array(NewGuardian).max(10).default([]).describe('Candidate guardians in the destination state.'),
  })
  .strict();
export type RegisterCaseCommand = z.infer<typeof RegisterCaseCommand>;
