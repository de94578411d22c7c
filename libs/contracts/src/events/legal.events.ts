import { z } from 'zod';
import { defineEvent } from '../define-event';
import { CaseId, Timestamp } from '../common';
import { RequirementCodeSchema } from '../programme';
import { Topic } from '../topics';

const PersonId = z.string().min(1).max(100).describe('Id of the person (user) who acted.');

export const HoldCategory = {
  security: 'security',
  medical: 'medical',
  legal: 'legal',
  family: 'family',
  other: 'other',
} as const;
export const HoldCategorySchema = z.enum(HoldCategory).describe('Kind of reason for a hold.');

export const RequirementEvidenceAttachedV1 = defineEvent({
  type: 'requirement.evidence-attached.v1',
  topic: Topic.legal,
  keyedBy: 'case',
  summary: 'Evidence was attached to a requirement of a case (the details stay in legal).',
  schema: z
    .object({
      caseId: CaseId,
      requirement: RequirementCodeSchema,
      evidenceId: z.uuid().describe('Id of the evidence within the legal file.'),
      kind: z.enum(['document', 'dna']).describe('A document, or a DNA match with a relative.'),
      attachedBy: PersonId,
      attachedAt: Timestamp,
    })
    .strict(),
});

export const RequirementDecidedV1 = defineEvent({
  type: 'requirement.decided.v1',
  topic: Topic.legal,
  keyedBy: 'case',
  summary: 'A requirement of a case was decided satisfied or refused, by whom, when and why.',
  schema: z
    .object({
      caseId: CaseId,
      requirement: RequirementCodeSchema,
      decision: z.enum(['satisfied', 'refused']).describe('The decision.'),
      reason: z.string().min(1).max(2000).describe('Why; for a refusal, what failed.'),
      decidedBy: PersonId,
      decidedAt: Timestamp,
    })
    .strict(),
});

export const CaseHoldPlacedV1 = defineEvent({
  type: 'case.hold-placed.v1',
  topic: Topic.legal,
  keyedBy: 'case',
  summary: 'A hold was placed on a case: it may not be assigned or board until lifted.',
  schema: z
    .object({
      caseId: CaseId,
      holdId: z.uuid().describe('Id of the hold.'),
      category: HoldCategorySchema,
      reason: z.string().min(1).max(2000).describe('Why; shown only to roles entitled to it, never to guardians.'),
      placedBy: PersonId,
      placedAt: Timestamp,
    })
    .strict(),
});

export const CaseHoldLiftedV1 = defineEvent({
  type: 'case.hold-lifted.v1',
  topic: Topic.legal,
  keyedBy: 'case',
  summary: 'A hold on a case was lifted.',
  schema: z
    .object({ caseId: CaseId, holdId: z.uuid().describe('Id of the hold.'), liftedBy: PersonId, liftedAt: Timestamp })
    .strict(),
});

export const ClearanceRequestedV1 = defineEvent({
  type: 'clearance.requested.v1',
  topic: Topic.legal,
  keyedBy: 'case',
  summary: 'A legal officer asked for the clearance of a case whose requirements are all satisfied.',
  schema: z.object({ caseId: CaseId, requestedBy: PersonId, requestedAt: Timestamp }).strict(),
});

export const CaseRejectedV1 = defineEvent({
  type: 'case.rejected.v1',
  topic: Topic.legal,
  keyedBy: 'case',
  summary: 'A case was rejected after a refused requirement; it leaves the programme.',
  schema: z
    .object({
      caseId: CaseId,
      requirement: RequirementCodeSchema,
      reason: z.string().min(1).max(2000).describe('Why the case was rejected.'),
      rejectedBy: PersonId,
      rejectedAt: Timestamp,
    })
    .strict(),
});

/**
 * The free-text reason of a legal event is personal (it can name the child):
 * from v2 it travels in the `personal` part, sealed with the child's key in
 * the outbox, on Kafka and in dead letters, so erasing the child shreds it.
 * Moving a required field is incompatible for v1 readers, hence new versions;
 * the upcasters (libs/contracts/src/upcasting/legal-reason.upcasters.ts)
 * convert either way without loss.
 */
const ReasonPersonal = (description: string) =>
  z
    .object({ reason: z.string().min(1).max(2000).describe(description) })
    .strict()
    .describe('Personal data: sealed with the child’s key.');

export const RequirementDecidedV2 = defineEvent({
  type: 'requirement.decided.v2',
  topic: Topic.legal,
  keyedBy: 'case',
  summary: 'A requirement of a case was decided satisfied or refused, by whom, when; why is personal and sealed.',
  schema: z
    .object({
      caseId: CaseId,
      requirement: RequirementCodeSchema,
      decision: z.enum(['satisfied', 'refused']).describe('The decision.'),
      decidedBy: PersonId,
      decidedAt: Timestamp,
      personal: ReasonPersonal('Why; for a refusal, what failed.'),
    })
    .strict(),
});

export const CaseHoldPlacedV2 = defineEvent({
  type: 'case.hold-placed.v2',
  topic: Topic.legal,
  keyedBy: 'case',
  summary: 'A hold was placed on a case: it may not be assigned or board until lifted; its reason is personal and sealed.',
  schema: z
    .object({
      caseId: CaseId,
      holdId: z.uuid().describe('Id of the hold.'),
      category: HoldCategorySchema,
      placedBy: PersonId,
      placedAt: Timestamp,
      personal: ReasonPersonal('Why; shown only to roles entitled to it, never to guardians.'),
    })
    .strict(),
});

export const CaseRejectedV2 = defineEvent({
  type: 'case.rejected.v2',
  topic: Topic.legal,
  keyedBy: 'case',
  summary: 'A case was rejected after a refused requirement; it leaves the programme. The reason is personal and sealed.',
  schema: z
    .object({
      caseId: CaseId,
      requirement: RequirementCodeSchema,
      rejectedBy: PersonId,
      rejectedAt: Timestamp,
      personal: ReasonPersonal('Why the case was rejected.'),
    })
    .strict(),
});
