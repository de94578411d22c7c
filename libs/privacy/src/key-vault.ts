import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { TransientError } from '@homeward/errors';
import { decrypt, encrypt } from './envelope-cipher';
import { ErasureLedger } from './erasure-ledger';
import { findMasterKey, type MasterKeyRing } from './master-keys';
import { DataErasedError } from './privacy.errors';

/** One data key, wrapped by a master key; or, once erased, only the record that it was. */
interface DataKeyDocument {
  _id: string;
  masterKeyId?: string;
  /** base64 of the AES-256-GCM wrapped key (envelope-cipher layout). */
  wrapped?: string;
  createdAt?: Date;
  rotatedAt?: Date;
  /** Set when the key was deleted: the case can never get a new one, so nothing new is written readable. */
  erasedAt?: Date;
}

export const DATA_KEYS_COLLECTION = 'data_keys';
const DUPLICATE_KEY = 11000;
const wrapAad = (keyId: string) => `homeward-data-key:${keyId}`;

export interface KeyVaultOptions {
  /** Any connection to the MongoDB server; the vault uses its own database on it. */
  readonly connection: Connection;
  readonly databaseName: string;
  readonly masterKeys: MasterKeyRing;
  /** How long a key (or its absence after erasure) is remembered; bounds how long an erased key lingers in memory. */
  readonly cacheTtlMs: number;
  readonly now?: () => number;
}

/**
 * Data keys per child in ONE database all services share (MongoDB CSFLE's
 * "key vault" idea): every service opens the same child's data with the same
 * key, and deleting that one document shreds every copy everywhere.
 */
export class KeyVault {
  private readonly cache = new Map<string, { key: Buffer | null; until: number }>();
  private readonly now: () => number;

  constructor(private readonly options: KeyVaultOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Every erasure, kept to be re-applied after a restore of the vault (erasure-ledger.ts). */
  get ledger(): ErasureLedger {
    return new ErasureLedger(this.options.connection, this.options.databaseName);
  }

  private get collection() {
    return this.options.connection.useDb(this.options.databaseName, { useCache: true }).collection<DataKeyDocument>(DATA_KEYS_COLLECTION);
  }

  get databaseName(): string {
    return this.options.databaseName;
  }

  /** The key of a child, created on first use; DataErasedError once it was deleted. */
  async keyFor(keyId: string): Promise<Buffer> {
    const found = await this.find(keyId);
    if (found) return found;
    const key = randomBytes(32);
    try {
      await this.collection.insertOne(this.wrap(keyId, key));
      this.remember(keyId, key);
      return key;
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw new TransientError(`key vault write failed: ${(error as Error).message}`, {}, { cause: error });
    }
    // Another writer created it first: use theirs.
    this.cache.delete(keyId);
    const theirs = await this.find(keyId);
    if (!theirs) throw new TransientError(`data key ${keyId} vanished while being created`);
    return theirs;
  }

  /** Creates the keys of many children with one insert (bulk import), ignoring those that exist. */
  async prepare(keyIds: readonly string[]): Promise<void> {
    const fresh = keyIds.filter((id) => !this.cache.has(id)).map((id) => ({ id, key: randomBytes(32) }));
    if (fresh.length === 0) return;
    try {
      await this.collection.insertMany(fresh.map(({ id, key }) => this.wrap(id, key)), { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
      const list = (Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : []) as Array<{ code: number }>;
      if (list.length === 0 || list.some((e) => e.code !== DUPLICATE_KEY)) throw new TransientError(`key vault write failed: ${(error as Error).message}`, {}, { cause: error });
    }
    // Which insert won is decided by the server: read back rather than trust our own.
  }

  /** The key if it exists, undefined if none was made yet; DataErasedError once erased. */
  async find(keyId: string): Promise<Buffer | undefined> {
    const cached = this.cache.get(keyId);
    if (cached && cached.until > this.now()) {
      if (cached.key === null) throw erased(keyId);
      return cached.key;
    }
    const document = await this.collection.findOne({ _id: keyId });
    if (!document) {
      this.cache.delete(keyId);
      return undefined;
    }
    if (document.erasedAt || !document.wrapped || !document.masterKeyId) {
      this.remember(keyId, null);
      throw erased(keyId);
    }
    const key = this.unwrap(document);
    this.remember(keyId, key);
    return key;
  }

  /**
   * Crypto-shredding: the key is replaced by a tombstone, so every copy of
   * the child's data becomes unreadable. The ledger is written first: a
   * crash between the two leaves an erasure that `reapplyErasures` finishes.
   */
  async erase(keyId: string): Promise<void> {
    const erasedAt = new Date(this.now());
    await this.ledger.record({ id: keyId, erasedAt });
    await this.collection.replaceOne({ _id: keyId }, { erasedAt }, { upsert: true });
    this.remember(keyId, null);
  }

  /**
   * After a restore of the vault: shreds again every key the erasure ledger
   * names that is readable (or absent) now. Returns the ids it shredded.
   */
  async reapplyErasures(): Promise<string[]> {
    const shredded: string[] = [];
    for (const { id, erasedAt } of await this.ledger.entries()) {
      const document = await this.collection.findOne({ _id: id });
      if (document?.erasedAt && !document.wrapped) continue;
      await this.collection.replaceOne({ _id: id }, { erasedAt }, { upsert: true });
      this.cache.delete(id);
      shredded.push(id);
    }
    return shredded;
  }

  /** Re-wraps every data key not yet wrapped by the current master key; returns how many it re-wrapped. */
  async rotate(): Promise<number> {
    const current = this.options.masterKeys.current;
    const stale = await this.collection.find({ masterKeyId: { $ne: current.id }, wrapped: { $exists: true } }).toArray();
    let rotated = 0;
    for (const document of stale) {
      const key = this.unwrap(document);
      const { wrapped, masterKeyId } = this.wrap(document._id, key);
      await this.collection.updateOne({ _id: document._id }, { $set: { wrapped, masterKeyId, rotatedAt: new Date(this.now()) } });
      rotated++;
    }
    return rotated;
  }

  /** Forgets every cached key (tests, and a service told that keys changed). */
  forget(keyId?: string): void {
    if (keyId === undefined) this.cache.clear();
    else this.cache.delete(keyId);
  }

  private remember(keyId: string, key: Buffer | null): void {
    this.cache.set(keyId, { key, until: this.now() + this.options.cacheTtlMs });
    // A bound on memory: a bulk import touches tens of thousands of children once.
    if (this.cache.size > 50_000) this.cache.delete(this.cache.keys().next().value as string);
  }

  private wrap(keyId: string, key: Buffer): DataKeyDocument {
    const master = this.options.masterKeys.current;
    return { _id: keyId, masterKeyId: master.id, wrapped: encrypt(master.key, key, wrapAad(keyId)).toString('base64'), createdAt: new Date(this.now()) };
  }

  private unwrap(document: DataKeyDocument): Buffer {
    const master = findMasterKey(this.options.masterKeys, document.masterKeyId ?? '');
    if (!master) throw new Error(`data key ${document._id} is wrapped by master key ${document.masterKeyId}, which is not configured`);
    return decrypt(master.key, Buffer.from(document.wrapped ?? '', 'base64'), wrapAad(document._id));
  }
}

const erased = (keyId: string) => new DataErasedError(`the data of ${keyId} was erased`);
