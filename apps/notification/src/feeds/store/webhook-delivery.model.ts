import { Schema, type Connection, type Model } from 'mongoose';

/** How far a webhook subscription's delivery has come; one document per subscription, written only by the dispatcher and on resume. */
export interface WebhookProgress {
  _id: string;
  /** Cursor of the last entry the endpoint accepted (2xx); 0 before the first. */
  deliveredThrough: number;
  consecutiveFailures: number;
  nextAttemptAt: Date;
}

/** One attempt to deliver one feed entry: the delivery log. */
export interface WebhookAttempt {
  _id: string;
  subscriptionId: string;
  cursor: number;
  eventId: string;
  eventType: string;
  webhookId: string;
  /** Attempt number for this entry, from 1. */
  attempt: number;
  outcome: 'delivered' | 'failed';
  statusCode?: number | undefined;
  error?: string | undefined;
  durationMs: number;
  attemptedAt: Date;
}

const progressSchema = new Schema<WebhookProgress>(
  {
    _id: { type: String, required: true },
    deliveredThrough: { type: Number, required: true },
    consecutiveFailures: { type: Number, required: true },
    nextAttemptAt: { type: Date, required: true },
  },
  { collection: 'webhook_progress', versionKey: false },
);

const attemptSchema = new Schema<WebhookAttempt>(
  {
    _id: { type: String, required: true },
    subscriptionId: { type: String, required: true, index: true },
    cursor: { type: Number, required: true },
    eventId: { type: String, required: true },
    eventType: { type: String, required: true },
    webhookId: { type: String, required: true },
    attempt: { type: Number, required: true },
    outcome: { type: String, required: true },
    statusCode: { type: Number },
    error: { type: String },
    durationMs: { type: Number, required: true },
    attemptedAt: { type: Date, required: true },
  },
  { collection: 'webhook_attempts', versionKey: false },
);

export function registerWebhookDeliveryModels(connection: Connection) {
  return {
    progress: (connection.models['WebhookProgress'] as Model<WebhookProgress> | undefined) ?? connection.model<WebhookProgress>('WebhookProgress', progressSchema),
    attempts: (connection.models['WebhookAttempt'] as Model<WebhookAttempt> | undefined) ?? connection.model<WebhookAttempt>('WebhookAttempt', attemptSchema),
  };
}
export type WebhookDeliveryModels = ReturnType<typeof registerWebhookDeliveryModels>;
