import type { Collection, Connection } from 'mongoose';
import { GENESIS_HASH, hashOf, type AuditEntry, type AuditRecord } from './audit-record';

const DUPLICATE_KEY = 11000;
const MAX_ATTEMPTS = 50;
export const AUDIT_COLLECTION = 'audit_records';

export interface AuditQuery {
  readonly caseId?: string;
  readonly actor?: string;
  /** Records of this agency's people only. */
  readonly actorAgency?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly limit?: number;
}

export interface ChainVerification {
  readonly valid: boolean;
  readonly records: number;
  /** The first record that breaks the chain, and how. */
  readonly firstBreak?: { readonly seq: number; readonly problem: 'edited' | 'missing-before' | 'unlinked' };
  readonly lastHash: string;
}

type StoredRecord = AuditRecord & { _id: string };

/** A record's `_id`: its sequence number, zero-padded so that `_id` order is sequence order. */
const recordId = (seq: number): string => String(seq).padStart(15, '0');

/**
 * The service's append-only audit trail, hash-chained: each record holds
 * the previous record's hash and its own over both, so an edited record no
 * longer matches its hash and a deleted one leaves a gap in the sequence.
 * A record's sequence number is its `_id`, so of two writers appending at
 * once exactly one wins each number and the other reads the new head (one
 * indexed read) and tries again. Appends of one process are queued, so the
 * retries are only between replicas.
 */
export class AuditTrail {
  private queue: Promise<unknown> = Promise.resolve();
  /** The last record this process wrote: the next append links to it without reading, unless another replica appended. */
  private known: AuditRecord | null | undefined;

  constructor(private readonly collection: Collection) {}

  static of(connection: Connection): AuditTrail {
    return new AuditTrail(connection.collection(AUDIT_COLLECTION));
  }

  /** The unique index on the sequence number and the indexes the auditors' searches use, made once at start. */
  async prepare(): Promise<void> {
    await this.collection.createIndex({ seq: 1 }, { unique: true, name: 'seq_unique' });
    await this.collection.createIndex({ caseId: 1, seq: 1 }, { name: 'by_case' });
    await this.collection.createIndex({ 'actor.userId': 1, seq: 1 }, { name: 'by_actor' });
    await this.collection.createIndex({ 'actor.agency': 1, seq: 1 }, { name: 'by_agency' });
    await this.collection.createIndex({ at: 1 }, { name: 'by_time' });
  }

  /** Resolves once every append asked for so far is written (or failed): shutdown waits for it. */
  async flush(): Promise<void> {
    await this.queue;
  }

  append(entry: AuditEntry): Promise<AuditRecord> {
    const next = this.queue.then(() => this.appendNow(entry));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async appendNow(entry: AuditEntry): Promise<AuditRecord> {
    for (let attempt = 1; ; attempt += 1) {
      if (this.known === undefined) this.known = await this.head();
      const head = this.known;
      const unhashed = { ...entry, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS_HASH };
      const record: AuditRecord = { ...unhashed, hash: hashOf(unhashed) };
      try {
        await this.collection.insertOne({ _id: recordId(record.seq), ...record } as never);
        this.known = record;
        return record;
      } catch (error) {
        if ((error as { code?: number }).code !== DUPLICATE_KEY || attempt >= MAX_ATTEMPTS) throw error;
        // Another replica took the number: read the head again.
        this.known = undefined;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  /** The chain's last record: one read of the sequence index. */
  private async head(): Promise<AuditRecord | null> {
    const found = await this.collection.findOne({}, { sort: { seq: -1 } });
    return found ? withoutId(found) : null;
  }

  /** Records matching every given criterion, oldest first. */
  async query(criteria: AuditQuery): Promise<AuditRecord[]> {
    const filter: Record<string, unknown> = {};
    if (criteria.caseId) filter['caseId'] = criteria.caseId;
    if (criteria.actor) filter['actor.userId'] = criteria.actor;
    if (criteria.actorAgency) filter['actor.agency'] = criteria.actorAgency;
    if (criteria.from || criteria.to) {
      filter['at'] = { ...(criteria.from ? { $gte: criteria.from.toISOString() } : {}), ...(criteria.to ? { $lte: criteria.to.toISOString() } : {}) };
    }
    const found = await this.collection.find(filter, { sort: { seq: 1 }, limit: criteria.limit ?? 500 }).toArray();
    return found.map(withoutId);
  }

  /** Walks the whole chain in order, recomputing every hash and link. */
  async verify(): Promise<ChainVerification> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let records = 0;
    for await (const document of this.collection.find({}, { sort: { seq: 1 } })) {
      const record = withoutId(document);
      records += 1;
      const { hash, ...unhashed } = record;
      if (record.seq !== expectedSeq) return { valid: false, records, firstBreak: { seq: record.seq, problem: 'missing-before' }, lastHash: prevHash };
      if (hashOf(unhashed) !== hash) return { valid: false, records, firstBreak: { seq: record.seq, problem: 'edited' }, lastHash: prevHash };
      if (record.prevHash !== prevHash) return { valid: false, records, firstBreak: { seq: record.seq, problem: 'unlinked' }, lastHash: prevHash };
      prevHash = hash;
      expectedSeq += 1;
    }
    return { valid: true, records, lastHash: prevHash };
  }
}

function withoutId(document: Record<string, unknown>): AuditRecord {
  const { _id, ...record } = document as unknown as StoredRecord;
  return record;
}
