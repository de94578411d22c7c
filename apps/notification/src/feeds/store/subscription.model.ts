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
    webhookSecret: { type: String },
    pseudonymKey: { type: String, required: true },
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

/** Subscriptions are aggregates: changes are version-checked and their events (paused, resumed) go through the outbox. */
export const registerSubscriptionModel = aggregateModel<SubscriptionRecord>('FeedSubscription', schema);
