import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topic } from '../topics';
import { CaseId, Timestamp } from '../common';

export const LegalFileOpenedV1Data = z
  .object({
    caseId: CaseId,
    openedAt: Timestamp,
    requirements: z.array(z.string().min(1)).describe('Codes of the requirements on the case\'s checklist.'),
  })
  .strict();
export type LegalFileOpenedV1Data = z.infer<typeof LegalFileOpenedV1Data>;

export const LegalFileOpenedV1 = defineEvent({
  type: 'legal-file.opened.v1',
  topic: Topic.legal,
  keyedBy: 'case',
  summary: 'Legal opened the file of a newly registered case with its requirement checklist.',
  schema: LegalFileOpenedV1Data,
});
