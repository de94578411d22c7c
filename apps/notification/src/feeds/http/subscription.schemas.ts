import { z } from 'zod';
import { AgencyId, CountryCode, ProgrammeId, SubscriptionId } from '@homeward/contracts';
import { DeliveryKind, PersonalDataLevel, SubscriptionStatus, subscribableTypes } from '../domain/subscription';

const unique = <T>(items: readonly T[]) => new Set(items).size === items.length;

const EventTypes = z
  .array(z.enum(subscribableTypes).describe('An event type of the catalog (libs/contracts), e.g. case.cleared.v1.'))
  .min(1)
  .max(subscribableTypes.length)
  .refine(unique, 'each event type once')
  .describe('Event types the agency receives.');
const Programmes = z.array(ProgrammeId).max(100).refine(unique, 'each programme once').describe('Only events of these programmes; empty or absent: every programme.');
const DestinationStates = z.array(CountryCode).max(50).refine(unique, 'each state once').describe('Only events of cases going to these states; empty or absent: every state.');
const Level = z.enum(PersonalDataLevel).describe('`none`: pseudonymous case reference, age band, sex, stage, dates. `full`: the event data as published, only for entitled agencies.');
export const WebhookUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .describe('Where the signed POSTs go: https (plain http only to a loopback address in development); in production never a loopback, private, link-local or metadata address, also once resolved at send time.');

export const SubscriptionParams = z.object({ subscriptionId: SubscriptionId }).strict();

export const CreateSubscriptionBody = z
  .object({
    agency: AgencyId,
    eventTypes: EventTypes,
    programmes: Programmes.default([]),
    destinationStates: DestinationStates.default([]),
    personalData: Level,
    delivery: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal(DeliveryKind.webhook), url: WebhookUrl }).strict(),
        z.object({ kind: z.literal(DeliveryKind.pull) }).strict(),
      ])
      .describe('By signed webhook to a URL, or by the pull feed GET /feeds/{subscriptionId}/events.'),
  })
  .strict();

export const UpdateSubscriptionBody = z
  .object({
    eventTypes: EventTypes.optional(),
    programmes: Programmes.optional(),
    destinationStates: DestinationStates.optional(),
    personalData: Level.optional(),
    webhookUrl: WebhookUrl.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'name at least one field to change');

export const ListSubscriptionsQuery = z
  .object({ agency: AgencyId.optional(), status: z.enum([SubscriptionStatus.active, SubscriptionStatus.paused]).optional().describe('Only subscriptions in this status.') })
  .strict();

export const SubscriptionView = z.object({
  subscriptionId: SubscriptionId,
  agency: AgencyId,
  eventTypes: z.array(z.string()),
  programmes: z.array(z.string()),
  destinationStates: z.array(z.string()),
  personalData: Level,
  delivery: z.object({ kind: z.enum(DeliveryKind), url: z.string().optional() }).describe('The secret is never shown again after creation or rotation.'),
  previousSecretSignsUntil: z.string().optional().describe('After a rotation: until when the previous secret still signs beside the new one.'),
  status: z.enum([SubscriptionStatus.active, SubscriptionStatus.paused]),
  pausedCause: z.string().optional().describe('Why it is paused: delivery-failures or admin.'),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  version: z.number().int(),
});
export const CreatedSubscription = SubscriptionView.extend({
  webhookSecret: z.string().optional().describe('`whsec_…` signing secret of a webhook subscription: shown in this answer only, keep it.'),
});
export const SecretRotationBody = z
  .object({
    overlapMs: z
      .number()
      .int()
      .min(0)
      .max(30 * 24 * 3_600_000)
      .optional()
      .describe('How long the previous secret keeps signing beside the new one (ms, at most 30 days); 0: it stops at once; absent: FEEDS_SECRET_OVERLAP_MS (24 h).'),
  })
  .strict();
export const RotatedSecret = SubscriptionView.extend({ webhookSecret: z.string().describe('The new `whsec_…` signing secret: shown in this answer only, keep it.') });
export const SubscriptionList = z.object({ subscriptions: z.array(SubscriptionView) });

export const DeliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200).describe('At most this many attempts, oldest first.') }).strict();
export const DeliveryLog = z.object({
  subscriptionId: SubscriptionId,
  deliveredThrough: z.string().describe('Cursor of the last entry the endpoint accepted.'),
  consecutiveFailures: z.number().int(),
  nextAttemptAt: z.string().optional(),
  attempts: z.array(
    z.object({
      cursor: z.string(),
      eventId: z.string(),
      eventType: z.string(),
      webhookId: z.string(),
      attempt: z.number().int().describe('Attempt at this entry, from 1.'),
      outcome: z.enum(['delivered', 'failed']),
      statusCode: z.number().int().optional(),
      error: z.string().optional(),
      durationMs: z.number(),
      attemptedAt: z.string(),
    }),
  ),
});

export const FeedQuery = z
  .object({
    after: z.string().regex(/^(0|[1-9]\d{0,14})$/, 'a cursor from this feed (a whole number), or 0 for the start').default('0').describe('Entries after this cursor; 0 or absent: from the start.'),
    limit: z.coerce.number().int().min(1).max(500).default(100).describe('At most this many entries (1–500).'),
  })
  .strict();
export const FeedPage = z.object({
  subscriptionId: SubscriptionId,
  items: z.array(
    z.object({
      cursor: z.string(),
      eventId: z.string(),
      type: z.string(),
      time: z.string(),
      data: z.record(z.string(), z.unknown()),
      erased: z.literal(true).optional().describe('The child was erased: its data is gone for good and `data` holds only the case id.'),
    }),
  ),
  next: z.string().describe('Pass as `after` to continue: the last item’s cursor, or the `after` given when there is nothing new.'),
});
