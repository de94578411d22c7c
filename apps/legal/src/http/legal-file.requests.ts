import { z } from 'zod';
import { CaseId, HoldCategorySchema, RequirementCodeSchema } from '@homeward/contracts';
import { Decision, GuardianBasis, LegalFileStatus } from '../domain/legal-file.state';

const text = (max: number, description: string) => z.string().trim().min(1).max(max).describe(description);

export const CaseIdParams = z.object({ caseId: CaseId }).strict();
export const RequirementParams = z.object({ caseId: CaseId, code: RequirementCodeSchema }).strict();
export const HoldParams = z.object({ caseId: CaseId, holdId: z.uuid().describe('Id of the hold.') }).strict();

export const EvidenceRequest = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('document').describe('A document.'),
        documentType: text(100, 'Kind of document, e.g. birth certificate, court order, passport.'),
        number: text(100, 'Number of the document.'),
        issuingAuthority: text(200, 'Authority that issued the document.'),
        issuedOn: z.iso.date().describe('Date of issue, YYYY-MM-DD.'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('dna').describe('A DNA kinship test with a relative.'),
        laboratory: text(200, 'Laboratory that ran the test.'),
        sampleId: text(100, "The laboratory's sample id."),
        testedRelative: text(100, 'Relationship of the tested relative to the child, e.g. grandmother.'),
        kinshipProbability: z.number().min(0).max(1).describe('Probability of the claimed kinship, 0..1.'),
      })
      .strict(),
  ])
  .describe('Evidence for a requirement; its details stay in legal.');

export const DecisionRequest = z
  .object({
    decision: z.enum(Decision).describe('satisfied, or refused.'),
    reason: text(2000, 'Why; for a refusal, what failed.'),
    basis: z
      .enum(GuardianBasis)
      .optional()
      .describe('Only when satisfying guardian-approved, and then required: a guardian or sponsor was approved, or state care was arranged.'),
  })
  .strict();

export const HoldRequest = z.object({ category: HoldCategorySchema, reason: text(2000, 'Why the case is held.') }).strict();

export const RejectionRequest = z
  .object({ requirement: RequirementCodeSchema.describe('The refused requirement the case is rejected on.'), reason: text(2000, 'Why the case is rejected.') })
  .strict();

export const ListQuery = z
  .object({
    status: z.enum(LegalFileStatus).optional().describe('Only files in this status.'),
    programmeId: z.string().min(1).max(100).optional().describe('Only files of this programme.'),
    after: CaseId.optional().describe('Continue after this case id (the `next` of the previous page).'),
    limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Page size, 1..1000 (default 100).'),
  })
  .strict();
