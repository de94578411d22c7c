import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Timestamp } from '../common';
import { Topic } from '../topics';

export const SubscriptionId = z.uuid().describe("Id of an agency's event-feed subscription.");
export const AgencyId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/)
  .describe('Id of a partner agency, a lower-case slug, e.g. ru-childrens-ombudsperson.');

export const SubscriptionPauseCause = { deliveryFailures: 'delivery-failures', admin: 'admin' } as const;

export const SubscriptionPausedV1 = defineEvent({
  type: 'subscription.paused.v1',
  topic: Topic.notification,
  keyedBy: 'subscription',
  summary: "An agency's subscription stopped delivering: its webhook failed too often in a row, or an admin paused it. Events keep being recorded in its feed.",
  schema: z
    .object({
      subscriptionId: SubscriptionId,
      agency: AgencyId,
      cause: z.enum(SubscriptionPauseCause).describe('Why: repeated webhook failures, or an admin.'),
      consecutiveFailures: z.number().int().min(0).describe('Failed delivery attempts in a row when it was paused.'),
      pausedAt: Timestamp,
    })
    .strict(),
});

export const SubscriptionResumedV1 = defineEvent({
  type: 'subscription.resumed.v1',
  topic: Topic.notification,
  keyedBy: 'subscription',
  summary: "An admin resumed an agency's subscription; delivery continues from the first undelivered event.",
  schema: z.object({ subscriptionId: SubscriptionId, agency: AgencyId, resumedAt: Timestamp }).strict(),
});
