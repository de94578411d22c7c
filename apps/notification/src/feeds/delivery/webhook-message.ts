import type { FeedEntry } from '../store/feed-entry.model';

/** A feed entry as agencies receive it, by webhook or from the pull feed: the same fields, the same redaction. */
export interface FeedItem {
  readonly cursor: string;
  readonly eventId: string;
  readonly type: string;
  readonly time: string;
  readonly data: Record<string, unknown>;
  /** The child was erased: `data` holds only the case id. */
  readonly erased?: true;
}

export const feedItem = (entry: FeedEntry): FeedItem => ({
  cursor: String(entry.seq),
  eventId: entry.eventId,
  type: entry.type,
  time: entry.time,
  data: entry.data,
  ...(entry.erased ? { erased: true as const } : {}),
});

/** The webhook-id: the same for every attempt at one entry, so the receiver can drop a repeat. */
export const webhookId = (subscriptionId: string, seq: number): string => `msg_${subscriptionId.replaceAll('-', '')}_${seq}`;

/** The body: the Standard Webhooks shape (type, timestamp, data) plus the feed's cursor and event id. */
export function webhookBody(subscriptionId: string, entry: FeedEntry): string {
  const item = feedItem(entry);
  return JSON.stringify({ type: item.type, timestamp: item.time, subscriptionId, cursor: item.cursor, eventId: item.eventId, data: item.data, ...(item.erased ? { erased: true } : {}) });
}
