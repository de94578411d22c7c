import { z } from 'zod';
import { CaseId, CaseSnapshot, CountryCode, GuardianId, ProgrammeId, Timestamp } from '@homeward/contracts';
import { caseStages } from '../domain/case-stage';
import { NewGuardian, RegisterCaseCommand } from '../domain/register-case.command';
import type { CaseRecord } from '../domain/case';
import type { Snapshot } from '@homeward/persistence';
import { isErased } from '@homeward/privacy';

/** Body of POST /cases. */
export const RegisterCaseRequest = RegisterCaseCommand;

export const CaseIdParams = z.object({ caseId: CaseId }).strict();
export const GuardianParams = z.object({ caseId: CaseId, guardianId: GuardianId }).strict();

const StageSchema = z.enum(caseStages).describe('Stage of the case in the lifecycle.');
const Personal = CaseSnapshot.shape.personal;

export const CaseView = CaseSnapshot.extend({
  stage: StageSchema,
  stageHistory: z.array(z.object({ stage: StageSchema, at: Timestamp })).describe('Each stage entered, in order, with when.'),
  registeredAt: Timestamp,
  registeredBy: z.string().describe('Who registered the case.'),
  updatedAt: Timestamp,
  updatedBy: z.string().describe('Who changed the case last.'),
  version: z.number().int().positive().describe('Version of the case; its ETag.'),
  importReference: z.string().optional().describe("The source list's row reference, for imported cases."),
  withdrawal: z
    .object({ reason: z.string().optional().describe('Why; absent once the child was erased.'), at: Timestamp, by: z.string() })
    .optional()
    .describe('Why and when the case was withdrawn.'),
  mergedInto: CaseId.optional().describe('The surviving case, once merged.'),
  guardianEmailOptOuts: z
    .array(z.object({ guardianId: GuardianId, at: Timestamp.describe('When the guardian opted out.') }))
    .optional()
    .describe("Guardians who stopped the milestone e-mails about this case with the link in them: notification no longer writes to them."),
  personal: Personal.optional().describe('Personal data of the case; absent once the case was erased.'),
  erased: z.literal(true).optional().describe("Present once the child's data was erased: the personal data is gone for good."),
  erasure: z
    .object({ basis: z.enum(['request', 'retention']), reason: z.string(), requestedBy: z.string(), requestedAt: Timestamp, approvedBy: z.string().optional(), erasedAt: Timestamp.optional() })
    .optional()
    .describe('A pending or completed erasure.'),
});
export type CaseView = z.infer<typeof CaseView>;

export function caseView(found: Snapshot<CaseRecord>): CaseView {
  const { _id, nameKeys: _k, facilityKey: _f, stageFacts: _s, registrationFingerprint: _r, personal, withdrawal, ...all } = found;
  // The sealed reason of a withdrawal opens to the erased marker once the child was erased: the withdrawal stays, without it.
  const rest = withdrawal ? { ...all, withdrawal: isErased(withdrawal.reason) ? { at: withdrawal.at, by: withdrawal.by } : withdrawal } : all;
  // A shredded key opens to an erased marker: the case is shown as erased, never as an error.
  if (found.erasure?.erasedAt || isErased(personal)) return { caseId: _id, ...rest, erased: true } as CaseView;
  return { caseId: _id, ...rest, personal } as CaseView;
}

export const RegisteredResponse = z.object({ caseId: CaseId, stage: StageSchema, registeredAt: Timestamp, version: z.number() });

export const CaseListQuery = z
  .object({
    name: z.string().trim().min(1).max(200).optional().describe('Part of a name in any script or transliteration; every word must match.'),
    facility: z.string().trim().min(1).max(200).optional().describe('Facility name, case-insensitive.'),
    stage: StageSchema.optional(),
    programmeId: ProgrammeId.optional(),
    destinationState: CountryCode.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size, at most 200.'),
    after: z.string().max(200).optional().describe('The `next` cursor of the previous page.'),
  })
  .strict();

export const CaseListResponse = z.object({
  items: z.array(CaseView),
  next: z.string().optional().describe('Cursor of the next page; absent on the last page.'),
});

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/** Body of PATCH /cases/{id}: the details to correct; `null` removes an optional one. */
export const UpdateCaseRequest = z
  .object({
    sex: RegisterCaseCommand.shape.sex.optional(),
    names: Personal.shape.names.optional(),
    birthDate: Personal.shape.birthDate.optional(),
    placeOfBirth: nullable(z.string().min(1).max(200)).describe('Place of birth; null removes it.'),
    facility: Personal.shape.facility.optional(),
    mother: nullable(Personal.shape.mother.unwrap()).describe('Mother; null removes the record.'),
    father: nullable(Personal.shape.father.unwrap()).describe('Father; null removes the record.'),
    claimedNationalities: z.array(CountryCode).max(5).optional().describe('Nationalities claimed for the child.'),
    medicalNeeds: nullable(z.string().min(1).max(2000)).describe('Medical needs; null removes them.'),
    requiresMedicalEscort: z.boolean().optional().describe('A medical escort must travel with the child.'),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'name at least one detail to change' });

export const SiblingsRequest = z
  .object({ caseIds: z.array(CaseId).min(1).max(20).describe('Cases of the siblings to link with this one.') })
  .strict();

export const AddGuardianRequest = NewGuardian;

export const UpdateGuardianRequest = z
  .object({
    relationship: NewGuardian.shape.relationship.optional(),
    name: NewGuardian.shape.name.optional(),
    email: NewGuardian.shape.email.optional(),
    phone: nullable(NewGuardian.shape.phone.unwrap()).describe('Telephone; null removes it.'),
    postalAddress: nullable(NewGuardian.shape.postalAddress.unwrap()).describe('Postal address; null removes it.'),
    preferredLanguage: NewGuardian.shape.preferredLanguage.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'name at least one field to change' });

export const WithdrawalRequest = z.object({ reason: z.string().trim().min(1).max(1000).describe('Why the case is withdrawn.') }).strict();
