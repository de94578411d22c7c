import { z } from 'zod';
import { BirthDate, CaseId, CountryCode, GuardianId, LanguageSchema, PersonName, SexSchema } from './common';

export const ParentStatus = {
  detained: 'detained',
  convicted: 'convicted',
  deceased: 'deceased',
  missing: 'missing',
  unknown: 'unknown',
} as const;
export const ParentStatusSchema = z.enum(ParentStatus).describe('What is known of a parent.');

export const FacilityType = { camp: 'camp', prison: 'prison', orphanage: 'orphanage', other: 'other' } as const;

/** A candidate guardian as the other services need to know them. Personal. */
export const RegisteredGuardian = z
  .object({
    guardianId: GuardianId,
    relationship: z.string().min(1).max(100).describe('Relationship to the child, e.g. grandmother.'),
    name: PersonName,
    email: z.email().describe('Contact e-mail address for milestone notifications.'),
    phone: z.string().regex(/^\+?[0-9 ()-]{5,30}$/).optional().describe('Contact telephone number, international format.'),
    postalAddress: z.string().min(1).max(500).optional().describe('Postal address in the destination state.'),
    preferredLanguage: LanguageSchema,
  })
  .strict()
  .describe('A relative in the destination state who may receive the child.');
export type RegisteredGuardian = z.infer<typeof RegisteredGuardian>;

export const Parent = z
  .object({
    name: PersonName.optional().describe('Name of the parent, if known.'),
    status: ParentStatusSchema,
    location: z.string().min(1).max(200).optional().describe('Where the parent is, if known.'),
  })
  .strict()
  .describe('A parent of the child.');

export const Facility = z
  .object({
    type: z.enum(FacilityType).describe('Kind of place the child is held in.'),
    name: z.string().min(1).max(200).describe('Name of the facility.'),
    city: z.string().min(1).max(100).describe('City of the facility.'),
  })
  .strict()
  .describe('Where the child is held now.');

/**
 * The personal part of a case: everything that identifies the child or a
 * relative. Kept apart so that the privacy layer can encrypt or redact it
 * mechanically (DESIGN "Privacy and security").
 */
export const CasePersonal = z
  .object({
    names: z.array(PersonName).min(1).max(10).describe("The child's names in every recorded script."),
    birthDate: BirthDate,
    placeOfBirth: z.string().min(1).max(200).optional().describe('Place of birth, if known.'),
    facility: Facility,
    mother: Parent.optional(),
    father: Parent.optional(),
    medicalNeeds: z.string().min(1).max(2000).optional().describe('Medical needs an escort must know about.'),
    guardians: z.array(RegisteredGuardian).max(10).describe('Candidate guardians in the destination state.'),
  })
  .strict()
  .describe('Personal data of the case; encrypted at rest and in transit by the privacy layer.');
export type CasePersonal = z.infer<typeof CasePersonal>;

/** What every service may know of a case: the non-personal fields and the personal part. */
export const CaseSnapshot = z
  .object({
    caseId: CaseId,
    programmeId: z.string().min(1).max(100).describe('Programme the case belongs to.'),
    originState: CountryCode,
    destinationState: CountryCode,
    sex: SexSchema,
    requiresMedicalEscort: z.boolean().describe('A medical escort must travel with the child.'),
    siblingCaseIds: z.array(CaseId).max(20).describe('Cases of siblings, who travel together.'),
    claimedNationalities: z.array(CountryCode).max(5).describe('Nationalities claimed for the child.'),
    personal: CasePersonal,
  })
  .strict();
export type CaseSnapshot = z.infer<typeof CaseSnapshot>;
