import type { Connection } from 'mongoose';
import { blindIndex } from './blind-index';
import { decrypt, encrypt } from './envelope-cipher';
import { KeyVault } from './key-vault';
import type { PrivacySettings } from './privacy-env';
import { DataErasedError } from './privacy.errors';
import { associatedData, ERASED, isSealed, type ErasedValue, type SealedValue } from './sealed-value';

const BLIND_INDEX_KEY_ID = '__blind-index__';

/**
 * The privacy layer of one service: seals and opens personal values with
 * the child's data key, blinds search keys, erases a child. Its `seal`,
 * `open`, `blind` and `prepare` are the codec persistence and messaging apply
 * mechanically to the fields declared personal.
 */
export class Privacy {
  private blindKey?: Buffer;

  constructor(readonly vault: KeyVault) {}

  /** Loads the blind-index key (created once for the whole deployment), so that blinding is synchronous. */
  async init(): Promise<this> {
    this.blindKey = await this.vault.keyFor(BLIND_INDEX_KEY_ID);
    return this;
  }

  async seal(caseId: string, path: string, value: unknown): Promise<SealedValue> {
    if (isSealed(value)) return value;
    const key = await this.vault.keyFor(caseId);
    const data = encrypt(key, Buffer.from(JSON.stringify(value), 'utf8'), associatedData(caseId, path));
    return { _sealed: 'aes-256-gcm.v1', data: data.toString('base64') };
  }

  /** The value, or ERASED when its key was deleted; anything not sealed passes through unchanged. */
  async open(caseId: string, path: string, value: unknown): Promise<unknown> {
    if (!isSealed(value)) return value;
    let key: Buffer | undefined;
    try {
      key = await this.vault.find(caseId);
    } catch (error) {
      if (error instanceof DataErasedError) return ERASED as ErasedValue;
      throw error;
    }
    if (!key) return ERASED as ErasedValue;
    return JSON.parse(decrypt(key, Buffer.from(value.data, 'base64'), associatedData(caseId, path)).toString('utf8')) as unknown;
  }

  blind(value: string): string {
    if (!this.blindKey) throw new Error('Privacy.init() was not awaited');
    return blindIndex(this.blindKey, value);
  }

  prepare(caseIds: readonly string[]): Promise<void> {
    return this.vault.prepare(caseIds);
  }

  erase(caseId: string): Promise<void> {
    return this.vault.erase(caseId);
  }

  rotate(): Promise<number> {
    return this.vault.rotate();
  }
}

export async function createPrivacy(connection: Connection, settings: PrivacySettings): Promise<Privacy> {
  const vault = new KeyVault({ connection, databaseName: settings.keyVaultDb, masterKeys: settings.masterKeys, cacheTtlMs: settings.cacheTtlMs });
  return new Privacy(vault).init();
}
