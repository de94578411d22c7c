import { Schema } from 'mongoose';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';
import type { SubscriptionRecord } from '../domain/subscription';

const schema = new Schema(
  {
    _id: { type: String, required: true },
    agency: { type: String, required: true },
    eventTypes: { type: [String], required: true },
    programmes: { type: [String], default: [] },
    destinationStates: { type: [String], default: [] },
    personalData: { type: String, required: true },
    delivery: { type: String, required: true },
    webhookUrl: { type: String },
    // Sealed at rest (below): the value is a SealedValue, opened on every read.
    webhookSecret: { type: Schema.Types.Mixed },
    previousWebhookSecret: { type: Schema.Types.Mixed },
    previousWebhookSecretUntil: { type: String },
    pseudonymKey: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true },
    pausedCause: { type: String },
    createdAt: { type: String, required: true },
    createdBy: { type: String, required: true },
    updatedAt: { type: String, required: true },
    updatedBy: { type: String, required: true },
  },
  { collection: 'feed_subscriptions', versionKey: false },
);

export type SubscriptionModel = AggregateModel<SubscriptionRecord>;

/**
 * Subscriptions are aggregates: changes are version-checked and their events
 * (paused, resumed) go through the outbox. The webhook signing secret and the
 * pseudonym key are sealed in every commit, outbox entry and current-state
 * document with a data key of the subscription's own in the key vault
 * (wrapped by the master key), so a dump of the service's database gives
 * neither away; deleting the subscription shreds that key.
 */
export const registerSubscriptionModel = aggregateModel<SubscriptionRecord>('FeedSubscription', schema, { sealed: ['webhookSecret', 'previousWebhookSecret', 'pseudonymKey'] });
