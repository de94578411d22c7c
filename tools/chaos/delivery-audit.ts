import type { TopicRecord } from './topic-reader';

export interface ProcessedRecord {
  readonly group: string;
  readonly eventId: string;
  readonly type: string;
  readonly processedAt: Date;
}

export interface DeliveryRow {
  readonly topic: string;
  readonly group: string;
  /** Distinct events on the topic of the event types this group handles. */
  readonly produced: number;
  /** Of those, the events the group recorded as processed. */
  readonly consumed: number;
  readonly lost: number;
  /** Pairs of one case's consecutive events that the group processed in the opposite order. */
  readonly inversions: number;
  /** Messages behind the group's committed offsets, summed over partitions. */
  readonly lag: number;
}

const familyOf = (type: string) => type.replace(/\.v\d+$/, '');

/**
 * Events produced against events consumed for one topic and one consumer
 * group, by event id. Which types a group handles is read from what it
 * recorded (a consumer records only the events it handles), so a type the
 * group handles but never recorded would escape this check; the group's lag
 * of 0 covers that, as it proves every message was passed to the consumer.
 */
export function auditDelivery(topic: string, records: readonly TopicRecord[], group: string, processed: readonly ProcessedRecord[], lag: number): DeliveryRow {
  const firstSeen = new Map<string, TopicRecord>();
  for (const record of [...records].sort((a, b) => a.partition - b.partition || a.offset - b.offset)) {
    if (record.id && !firstSeen.has(record.id)) firstSeen.set(record.id, record);
  }
  const byId = new Map(processed.filter((p) => firstSeen.has(p.eventId)).map((p) => [p.eventId, p]));
  const handled = new Set([...byId.values()].map((p) => familyOf(p.type)));
  const expected = [...firstSeen.values()].filter((r) => r.type !== undefined && handled.has(familyOf(r.type)));
  const consumed = expected.filter((r) => byId.has(r.id!));

  let inversions = 0;
  const lastAtByKey = new Map<string, number>();
  for (const record of consumed) {
    const at = byId.get(record.id!)!.processedAt.getTime();
    const key = `${record.partition}/${record.key}`;
    const last = lastAtByKey.get(key);
    if (last !== undefined && at < last) inversions++;
    lastAtByKey.set(key, Math.max(at, last ?? at));
  }
  return { topic, group, produced: expected.length, consumed: consumed.length, lost: expected.length - consumed.length, inversions, lag };
}

/** Ids published more than once on a topic (a relay that crashed between send and mark): consumers must skip the copies. */
export function republished(records: readonly TopicRecord[]): number {
  const seen = new Set<string>();
  let again = 0;
  for (const r of records) {
    if (!r.id) continue;
    if (seen.has(r.id)) again++;
    seen.add(r.id);
  }
  return again;
}
