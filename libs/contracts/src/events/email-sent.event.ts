import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topic } from '../topics';
import { CaseId, GuardianId, Timestamp } from '../common';

export const Milestone = {
  registered: 'registered',
  cleared: 'cleared',
  assigned: 'assigned',
} as const;
export const MilestoneSchema = z.enum(Milestone).describe('Milestone of the case an e-mail is about.');
export type Milestone = (typeof Milestone)[keyof typeof Milestone];

export const EmailSentV1Data = z
  .object({
    deliveryId: z.string().min(1).describe('Idempotency key: case, milestone and guardian.'),
    caseId: CaseId,
    guardianId: GuardianId,
    milestone: MilestoneSchema,
    sentAt: Timestamp,
  })
  .strict();
export type EmailSentV1Data = z.infer<typeof EmailSentV1Data>;

export const EmailSentV1 = defineEvent({
  type: 'notification.email-sent.v1',
  topic: Topic.notification,
  keyedBy: 'case',
  summary: 'A guardian\'s milestone e-mail was accepted by the SMTP server.',
  schema: EmailSentV1Data,
});
