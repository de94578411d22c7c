import { z } from 'zod';
import { defineEvent } from '../define-event';
import { CaseId, Timestamp } from '../common';
import { Topic } from '../topics';

export const ErasureBasis = { request: 'request', retention: 'retention' } as const;

export const CaseErasedV1Data = z
  .object({
    caseId: CaseId,
    basis: z.enum(ErasureBasis).describe('An approved erasure request, or the end of the retention period of a closed case.'),
    requestedBy: z.string().min(1).max(100).describe('Who asked for the erasure (the retention job for an automatic one).'),
    approvedBy: z.string().min(1).max(100).describe('The second person who approved it (the retention job for an automatic one).'),
    erasedAt: Timestamp,
  })
  .strict();
export type CaseErasedV1Data = z.infer<typeof CaseErasedV1Data>;

export const CaseErasedV1 = defineEvent({
  type: 'case.erased.v1',
  topic: Topic.intake,
  keyedBy: 'case',
  summary:
    "The child's data key was deleted (crypto-shredding): every sealed copy of the personal data, in every service, topic and dead letter, is unreadable from now on.",
  schema: CaseErasedV1Data,
});
