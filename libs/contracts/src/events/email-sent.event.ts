import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topic } from '../topics';
import { CaseId, GuardianId, Timestamp } from '../common';

export const Milestone = {
  /** The child is registered and the guardian's contact confirmed. */
  registered: 'registered',
  cleared: 'cleared',
  /** The movement is scheduled: the child has a seat on a flight. */
  assigned: 'assigned',
  movementRescheduled: 'movement-rescheduled',
  movementCancelled: 'movement-cancelled',
  arrived: 'arrived',
  handedOver: 'handed-over',
  /** A neutral delay notice: the case went on hold (the reason is never sent). */
  onHold: 'on-hold',
} as const;
export const MilestoneSchema = z.enum(Milestone).describe('Milestone of the case an e-mail is about.');
export type Milestone = (typeof Milestone)[keyof typeof Milestone];

export const EmailSentV1Data = z
  .object({
    deliveryId: z.string().min(1).describe('Idempotency key: case, milestone and guardian.'),
    caseId: CaseId,
    guardianId: GuardianId,
    milestone: MilestoneSchema,
    occurrence: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('Which occurrence of a milestone that can recur (the movement, the new departure, the hold); absent for once-only milestones.'),
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
