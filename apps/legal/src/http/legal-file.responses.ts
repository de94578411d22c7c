import { z } from 'zod';
import { CaseId, HoldCategorySchema, RequirementCodeSchema, Timestamp } from '@homeward/contracts';
import { Decision, GuardianBasis, LegalFileStatus, RequirementStatus } from '../domain/legal-file.state';

// Response shapes, for the OpenAPI document (domain/legal-file.view.ts builds them).
const Person = z.string().describe('Id of the person who acted.');
const restricted = z.literal(true).optional().describe('Details withheld: visible to the screening-officer role only.');

const EvidenceSummary = z
  .object({
    evidenceId: z.uuid(),
    kind: z.enum(['document', 'dna']),
    documentType: z.string().optional(),
    issuingAuthority: z.string().optional(),
    issuedOn: z.string().optional(),
    laboratory: z.string().optional(),
    testedRelative: z.string().optional(),
    kinshipProbability: z.number().optional(),
    attachedBy: Person,
    attachedAt: Timestamp,
    restricted,
  })
  .describe('What the evidence is; document numbers and sample ids are not served.');

const DecisionView = z.object({
  decision: z.enum(Decision),
  reason: z.string().optional().describe('Why; absent when restricted, or once the child was erased.'),
  basis: z.enum(GuardianBasis).optional(),
  decidedBy: Person,
  decidedAt: Timestamp,
  restricted,
});

export const LegalFileResponse = z.object({
  caseId: CaseId,
  programmeId: z.string(),
  destinationState: z.string(),
  status: z.enum(LegalFileStatus),
  openedAt: Timestamp,
  requirements: z.array(
    z.object({
      code: RequirementCodeSchema,
      status: z.enum(RequirementStatus),
      evidence: z.array(EvidenceSummary),
      decisions: z.array(DecisionView).describe('Every decision, oldest first; the last is in force.'),
    }),
  ),
  holds: z.array(
    z.object({
      holdId: z.uuid(),
      category: HoldCategorySchema,
      reason: z.string().optional().describe('Why; absent once the child was erased.'),
      placedBy: Person,
      placedAt: Timestamp,
      liftedBy: Person.optional(),
      liftedAt: Timestamp.optional(),
    }),
  ),
  boardedAt: Timestamp.optional(),
  clearance: z.object({ requestedBy: Person, requestedAt: Timestamp, approvedBy: Person.optional(), clearedAt: Timestamp.optional() }).optional(),
  rejection: z.object({ requirement: RequirementCodeSchema, reason: z.string().optional().describe('Why; absent once the child was erased.'), rejectedBy: Person, rejectedAt: Timestamp }).optional(),
  closure: z.object({ reason: z.enum(['withdrawn', 'merged']), survivorCaseId: CaseId.optional(), closedAt: Timestamp }).optional(),
  statusHistory: z.array(
    z.object({ status: z.enum(LegalFileStatus), at: Timestamp, by: z.string().describe('A person, or the event that caused the change.'), note: z.string().optional() }),
  ),
  erased: z
    .literal(true)
    .optional()
    .describe("Present once the child's data was erased: the file's texts and evidence details are gone for good; its checklist and holds remain."),
});

export const EvidenceAttachedResponse = z.object({ evidenceId: z.uuid(), file: LegalFileResponse });
export const HoldPlacedResponse = z.object({ holdId: z.uuid(), file: LegalFileResponse });

export const LegalFileListResponse = z.object({
  items: z.array(
    z.object({
      caseId: CaseId,
      programmeId: z.string(),
      status: z.enum(LegalFileStatus),
      openedAt: Timestamp,
      requirements: z.array(z.object({ code: RequirementCodeSchema, status: z.enum(RequirementStatus) })),
      activeHolds: z.number().int().describe('Holds placed and not lifted.'),
    }),
  ),
  next: CaseId.optional().describe('Pass as `after` for the next page; absent on the last page.'),
});

/** 403 is not among the problems every operation documents; the routes that can answer it say so. */
export const forbiddenResponse = {
  description: 'Forbidden: a role is missing, or the same person may not act twice (four-eyes). Problem details say why.',
  contentType: 'application/problem+json',
} as const;
