import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topic } from '../topics';
import { CaseId, GuardianId, Timestamp } from '../common';

export const GuardianOptedOutV1Data = z
  .object({
    caseId: CaseId,
    guardianId: GuardianId,
    optedOutAt: Timestamp,
  })
  .strict();
export type GuardianOptedOutV1Data = z.infer<typeof GuardianOptedOutV1Data>;

export const GuardianOptedOutV1 = defineEvent({
  type: 'notification.guardian-opted-out.v1',
  topic: Topic.notification,
  keyedBy: 'case',
  summary: "A guardian followed the unsubscribe link of a case's e-mails: they get no further e-mails about it.",
  schema: GuardianOptedOutV1Data,
});
