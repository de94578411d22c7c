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

type StoredRecord = AuditRecord & { _id: string | number };

/**
 * A record's `_id`: its sequence number, zero-padded so that `_id` order is
 * sequence order. A string because FerretDB's SQLite backend looks up only
 * string and ObjectId `_id`s through its index; a number made every lookup
 * read the whole trail (about a second per append in the chaos run). Trails
 * begun with numeric ids (before this) keep them: see `legacy`.
 */
const recordId = (seq: number): string => String(seq).padStart(15, '0');

/**
 * The service's append-only audit trail, hash-chained: each record holds
 * the previous record's hash and its own over both, so an edited record no
 * longer matches its hash and a deleted one leaves a gap in the sequence.
 * FerretDB has no transactions: a record's sequence number is its `_id`, so
 * of two writers appending at once exactly one wins each number and the
 * other reads the new head and tries again. Appends of one process are
 * queued, so the retries are only between replicas.
 */
export class AuditTrail {
  private queue: Promise<unknown> = Promise.resolve();
  /** The last record this process wrote or saw: the next append links to it without reading. */
  private known: AuditRecord | null | undefined;
  /** A trail whose first record has the numeric `_id` of old: its records keep numeric ids. */
  private legacy: boolean | undefined;

  constructor(private readonly collection: Collection) {}

  static of(connection: Connection): AuditTrail {
    return new AuditTrail(connection.collection(AUDIT_COLLECTION));
  }

  /** The unique index on the sequence number (besides `_id`), made once at start. */
  async prepare(): Promise<void> {
    await this.collection.createIndex({ seq: 1 }, { unique: true, name: 'seq_unique' });
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
      const head = await this.head();
      const unhashed = { ...entry, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS_HASH };
      const record: AuditRecord = { ...unhashed, hash: hashOf(unhashed) };
      try {
        await this.collection.insertOne({ _id: await this.idOf(record.seq), ...record } as never);
        this.known = record;
        return record;
      } catch (error) {
        const code = (error as { code?: number }).code;
        // SQLITE_BUSY from FerretDB under concurrent writers is retriable too.
        const busy = /SQLITE_BUSY|database is locked/i.test(String((error as Error).message));
        if ((code !== DUPLICATE_KEY && !busy) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  /**
   * The chain's last record. A sorted query would make FerretDB read and sort
   * the whole trail on every append (tens of thousands of records after a
   * busy day), so the head is remembered and only confirmed: the record after
   * it is looked up by `_id`, and while another replica has appended, the
   * walk steps forward. The first time, the end is found by galloping and
   * bisecting over the dense sequence numbers: O(log n) lookups by `_id`.
   */
  private async head(): Promise<AuditRecord | null> {
    if (this.known === undefined) this.known = await this.bySeq(await this.lastSeq());
    for (;;) {
      const next = await this.bySeq((this.known?.seq ?? 0) + 1);
      if (!next) return this.known;
      this.known = next;
    }
  }

  private async bySeq(seq: number): Promise<AuditRecord | null> {
    if (seq < 1) return null;
    const found = await this.collection.findOne({ _id: await this.idOf(seq) } as never);
    return found ? withoutId(found) : null;
  }

  private async idOf(seq: number): Promise<string | number> {
    this.legacy ??= (await this.collection.findOne({ _id: 1 } as never, { projection: { _id: 1 } })) !== null;
    return this.legacy ? seq : recordId(seq);
  }

  /** The highest sequence number present (0 for an empty trail), with lookups by `_id` only. */
  private async lastSeq(): Promise<number> {
    const exists = async (seq: number) => (await this.collection.findOne({ _id: await this.idOf(seq) } as never, { projection: { _id: 1 } })) !== null;
    if (!(await exists(1))) return 0;
    let low = 1;
    let high = 2;
    while (await exists(high)) {
      low = high;
      high *= 2;
    }
    // exists(low), not exists(high)
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (await exists(middle)) low = middle;
      else high = middle;
    }
    return low;
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
    const found = await this.collection.find(filter, { sort: { _id: 1 }, limit: criteria.limit ?? 500 }).toArray();
    return found.map(withoutId);
  }

  /** Walks the whole chain in order, recomputing every hash and link. */
  async verify(): Promise<ChainVerification> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let records = 0;
    for await (const document of this.collection.find({}, { sort: { _id: 1 } })) {
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
