import { Schema, type Connection, type Model } from 'mongoose';

/** One event in one subscription's feed, already redacted to the subscription's level. */
export interface FeedEntry {
  /** `<subscriptionId>:<eventId>`: an event enters a feed once, whatever Kafka redelivers. */
  _id: string;
  subscriptionId: string;
  /** The cursor: increases with every append to this subscription's feed (holes possible, never reused). */
  seq: number;
  eventId: string;
  type: string;
  time: string;
  /** As delivered; at rest, for a `full` subscription's entry about a child, sealed with that child's key (see `sealedFor`). */
  data: Record<string, unknown>;
  /** The child whose data key seals `data` at rest: erasing the child makes the entry unreadable. */
  sealedFor?: string;
  /** Set on reading when the child was erased: `data` then holds only the case id. */
  erased?: true;
  appendedAt: Date;
  /** A number drawn by a writer that lost the race to append the same event: fills the hole so readers need not wait; never delivered. */
  skip?: true;
}

/** The per-subscription sequence: `$inc` on one document per subscription. */
export interface FeedCounter {
  _id: string;
  seq: number;
}

const entrySchema = new Schema<FeedEntry>(
  {
    _id: { type: String, required: true },
    subscriptionId: { type: String, required: true },
    seq: { type: Number, required: true },
    eventId: { type: String, required: true },
    type: { type: String, required: true },
    time: { type: String, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    sealedFor: { type: String },
    appendedAt: { type: Date, required: true },
  },
  { collection: 'feed_entries', versionKey: false, minimize: false },
);
// One entry per cursor position, and the index the readers page by.
entrySchema.index({ subscriptionId: 1, seq: 1 }, { unique: true });

const counterSchema = new Schema<FeedCounter>(
  { _id: { type: String, required: true }, seq: { type: Number, required: true } },
  { collection: 'feed_counters', versionKey: false },
);

export function registerFeedModels(connection: Connection): { entries: Model<FeedEntry>; counters: Model<FeedCounter> } {
  return {
    entries: (connection.models['FeedEntry'] as Model<FeedEntry> | undefined) ?? connection.model<FeedEntry>('FeedEntry', entrySchema),
    counters: (connection.models['FeedCounter'] as Model<FeedCounter> | undefined) ?? connection.model<FeedCounter>('FeedCounter', counterSchema),
  };
}
