import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topic } from '../topics';
import { CaseId, GuardianId, Timestamp } from '../common';
import { MilestoneSchema } from './email-sent.event';

export const EmailFailedV1Data = z
  .object({
    deliveryId: z.string().min(1).describe('Idempotency key: case, milestone (and occurrence) and guardian.'),
    caseId: CaseId,
    guardianId: GuardianId,
    milestone: MilestoneSchema,
    occurrence: z.string().min(1).max(100).optional().describe('Which occurrence of a recurring milestone.'),
    attempts: z.number().int().positive().describe('Send attempts made before giving up.'),
    error: z.string().min(1).max(500).describe("The SMTP server's or the connection's last error, without the recipient's address."),
    failedAt: Timestamp,
  })
  .strict();
export type EmailFailedV1Data = z.infer<typeof EmailFailedV1Data>;

export const EmailFailedV1 = defineEvent({
  type: 'notification.email-failed.v1',
  topic: Topic.notification,
  keyedBy: 'case',
  summary: "A guardian's milestone e-mail could not be sent after retries with backoff; it is recorded as failed.",
  schema: EmailFailedV1Data,
});
