import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topic } from '../topics';
import {
  BirthDate,
  CaseId,
  CountryCode,
  GuardianId,
  LanguageSchema,
  PersonName,
  SexSchema,
  Timestamp,
} from '../common';

/** A candidate guardian as the other services need to know them. Personal. */
export const RegisteredGuardian = z
  .object({
    guardianId: GuardianId,
    relationship: z.string().min(1).max(100).describe('Relationship to the child, e.g. grandmother.'),
    name: PersonName,
    email: z.email().describe('Contact e-mail address for milestone notifications.'),
    preferredLanguage: LanguageSchema,
  })
  .strict()
  .describe('A candidate guardian of the child in the destination state.');

/**
 * The personal part of a registration: everything that identifies the child or
 * a relative. Kept apart so that the privacy layer can encrypt or redact it
 * mechanically (DESIGN "Privacy and security").
 */
export const CaseRegisteredPersonal = z
  .object({
    names: z.array(PersonName).min(1).describe('The child\'s names in every recorded script.'),
    birthDate: BirthDate,
    facility: z
      .object({
        type: z.enum(['camp', 'prison', 'orphanage', 'other']).describe('Kind of place the child is held in.'),
        name: z.string().min(1).max(200).describe('Name of the facility.'),
        city: z.string().min(1).max(100).describe('City of the facility.'),
      })
      .strict()
      .describe('Where the child is held now.'),
    guardians: z.array(RegisteredGuardian).describe('Candidate guardians in the destination state.'),
  })
  .strict()
  .describe('Personal data of the child and relatives; travels and rests only encrypted.');

export const CaseRegisteredV1Data = z
  .object({
    caseId: CaseId,
    programmeId: z.string().min(1).describe('Programme the case belongs to.'),
    originState: CountryCode,
    destinationState: CountryCode,
    sex: SexSchema,
    registeredAt: Timestamp,
    personal: CaseRegisteredPersonal,
  })
  .strict();
export type CaseRegisteredV1Data = z.infer<typeof CaseRegisteredV1Data>;

export const CaseRegisteredV1 = defineEvent({
  type: 'case.registered.v1',
  topic: Topic.intake,
  keyedBy: 'case',
  summary: 'A child case was registered by intake.',
  schema: CaseRegisteredV1Data,
});
