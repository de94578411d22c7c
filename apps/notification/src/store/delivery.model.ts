import { Schema } from 'mongoose';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';

export const DeliveryStatus = {
  /** Claimed by an instance that is sending it (or died doing so: the claim then expires). */
  sending: 'sending',
  sent: 'sent',
  /** Every attempt failed; notification.email-failed.v1 says so. */
  failed: 'failed',
  /** Not sent because the guardian opted out. */
  suppressed: 'suppressed',
} as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

/**
 * One e-mail per (case, milestone, guardian): the id is that key (with the
 * occurrence of a milestone that can recur), so there can be only one record,
 * whichever instance or redelivery gets there first.
 */
export interface DeliveryRecord {
  caseId: string;
  guardianId: string;
  milestone: string;
  occurrence?: string;
  status: DeliveryStatus;
  /** Until when the instance sending it holds the claim; after that another may take over. */
  claimedUntil: string;
  attempts: number;
  /** Derived from the id: a resend after a crash carries the same Message-ID. */
  messageId: string;
  language?: string;
  sentAt?: string;
  failedAt?: string;
  lastError?: string;
}

const schema = new Schema(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true, index: true },
    guardianId: { type: String, required: true },
    milestone: { type: String, required: true },
    occurrence: { type: String },
    status: { type: String, required: true },
    claimedUntil: { type: String, required: true },
    attempts: { type: Number, required: true },
    messageId: { type: String, required: true },
    language: { type: String },
    sentAt: { type: String },
    failedAt: { type: String },
    lastError: { type: String },
  },
  { collection: 'deliveries', versionKey: false },
);

export type DeliveryModel = AggregateModel<DeliveryRecord>;

export const registerDeliveryModel = aggregateModel<DeliveryRecord>('Delivery', schema);
