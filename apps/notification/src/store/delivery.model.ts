import { Schema } from 'mongoose';
import { aggregateModel, type AggregateModel } from '@homeward/persistence';

export const DeliveryStatus = { sending: 'sending', sent: 'sent' } as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

/** One e-mail per (case, milestone, guardian): the id is that triple, so there can be only one record. */
export interface DeliveryRecord {
  caseId: string;
  guardianId: string;
  milestone: string;
  status: DeliveryStatus;
  /** Until when the instance sending it holds the claim; after that another may take over. */
  claimedUntil: string;
  attempts: number;
  messageId: string;
  sentAt?: string;
}

const schema = new Schema(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true, index: true },
    guardianId: { type: String, required: true },
    milestone: { type: String, required: true },
    status: { type: String, required: true },
    claimedUntil: { type: String, required: true },
    attempts: { type: Number, required: true },
    messageId: { type: String, required: true },
    sentAt: { type: String },
  },
  { collection: 'deliveries', versionKey: false },
);

export type DeliveryModel = AggregateModel<DeliveryRecord>;

export const registerDeliveryModel = aggregateModel<DeliveryRecord>('Delivery', schema);
