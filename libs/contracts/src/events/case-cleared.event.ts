import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topic } from '../topics';
import { CaseId, CountryCode, Timestamp } from '../common';

export const CaseClearedV1Data = z
  .object({
    caseId: CaseId,
    programmeId: z.string().min(1).describe('Programme the case belongs to.'),
    destinationState: CountryCode,
    clearedAt: Timestamp,
    approvedBy: z.array(z.string().min(1)).min(1).describe('Ids of the people who approved the clearance.'),
  })
  .strict();
export type CaseClearedV1Data = z.infer<typeof CaseClearedV1Data>;

export const CaseClearedV1 = defineEvent({
  type: 'case.cleared.v1',
  topic: Topic.legal,
  keyedBy: 'case',
  summary: 'Every legal requirement of a case is satisfied and the clearance approved; the child may travel.',
  schema: CaseClearedV1Data,
});
