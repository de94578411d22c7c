import { z } from 'zod';
import { CountryCode } from './common';
import { AgencyId } from './events/subscription.events';

export const ProgrammeId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/)
  .describe('Id of a programme, a lower-case slug, e.g. iq-ru-2019.');

export const ProgrammeStatus = { active: 'active', suspended: 'suspended' } as const;
export const ProgrammeStatusSchema = z.enum(ProgrammeStatus).describe('Whether movements may be assigned under the programme.');
export type ProgrammeStatus = (typeof ProgrammeStatus)[keyof typeof ProgrammeStatus];

export const RequirementCode = {
  nationalityVerified: 'nationality-verified',
  guardianApproved: 'guardian-approved',
  parentalConsent: 'parental-consent',
  exitClearance: 'exit-clearance',
  travelDocument: 'travel-document',
  securityScreening: 'security-screening',
} as const;
export const RequirementCodeSchema = z.enum(RequirementCode).describe('A legal requirement on a case checklist.');
export type RequirementCode = (typeof RequirementCode)[keyof typeof RequirementCode];

export const EligibilityPolicy = z
  .object({
    maxAgeAtRegistration: z.number().int().min(0).max(25).describe('Oldest age in whole years a child may have when registered; 17 = under 18.'),
    childrenOnly: z.boolean().describe('Only children are registered (no accompanying adults), as in the restarted 2018 programme.'),
  })
  .strict()
  .describe('Who may be registered under the programme.');

export const EscortPolicy = z
  .object({
    childrenPerEscort: z.number().int().min(1).max(50).describe('At most this many children per escort, e.g. 5.'),
    infantsPerEscort: z.number().int().min(1).max(10).describe('At most this many infants per escort, e.g. 1.'),
    infantAgeMonths: z.number().int().min(1).max(60).describe('A child younger than this on the departure date is an infant, e.g. 24.'),
  })
  .strict()
  .describe('Escorts a movement under the programme needs.');

export const ProgrammeDefinition = z
  .object({
    programmeId: ProgrammeId,
    name: z.string().min(1).max(200).describe('Name of the programme.'),
    originState: CountryCode,
    destinationState: CountryCode,
    eligibility: EligibilityPolicy,
    escortPolicy: EscortPolicy,
    requirements: z.array(RequirementCodeSchema).min(1).describe('The legal checklist every case of the programme gets.'),
    participatingAgencies: z
      .array(AgencyId)
      .min(1)
      .max(50)
      .optional()
      .describe(
        "The agencies whose people may act on the programme's cases, legal files, movements and e-mails (the token's agency claim); the operator agencies see every programme. Absent in a request: the deployment's default list, or the creator's agency. Absent in an event: a programme from before the lists, open to the operator agencies only until programme.participants-changed.v1 gives it its list.",
      ),
  })
  .strict();
export type ProgrammeDefinition = z.infer<typeof ProgrammeDefinition>;
