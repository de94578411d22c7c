import type { Collection, Connection } from 'mongoose';

export const ERASURE_LEDGER_COLLECTION = 'erasure_ledger';
const DUPLICATE_KEY = 11000;

/** One erased data key: its id and when, nothing else (no key material, no personal data). */
export interface ErasureEntry {
  readonly id: string;
  readonly erasedAt: Date;
}

interface LedgerDocument {
  _id: string;
  erasedAt: Date;
}

/**
 * Every data key ever erased, kept beside the key vault so that restoring a
 * backup of the vault taken before an erasure cannot bring the child's key
 * back: after any restore, `reapply` shreds again every key the ledger
 * names. It is append-only and holds ids only, so it may be exported and
 * kept elsewhere too (`npm run keys -- erasures export`), which is what
 * protects it when the whole database is restored with it.
 */
export class ErasureLedger {
  constructor(
    private readonly connection: Connection,
    private readonly databaseName: string,
  ) {}

  private get ledger(): Collection<LedgerDocument> {
    return this.connection.useDb(this.databaseName, { useCache: true }).collection<LedgerDocument>(ERASURE_LEDGER_COLLECTION);
  }

  /** Records an erasure (idempotent: the first time stays). */
  async record(entry: ErasureEntry): Promise<void> {
    try {
      await this.ledger.insertOne({ _id: entry.id, erasedAt: entry.erasedAt });
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
  }

  async entries(): Promise<ErasureEntry[]> {
    const documents = await this.ledger.find({}).toArray();
    return documents.map((d) => ({ id: d._id, erasedAt: d.erasedAt })).sort((a, b) => a.erasedAt.getTime() - b.erasedAt.getTime() || a.id.localeCompare(b.id));
  }

  /** Adds the entries of an exported ledger (after a restore that took the ledger back too); returns how many were new. */
  async merge(entries: readonly ErasureEntry[]): Promise<number> {
    const known = new Set((await this.entries()).map((e) => e.id));
    const fresh = entries.filter((e) => !known.has(e.id));
    for (const entry of fresh) await this.record(entry);
    return fresh.length;
  }
}
