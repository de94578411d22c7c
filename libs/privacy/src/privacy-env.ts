import { z } from 'zod';
import { productionMode } from '@homeward/config';
import { DEVELOPMENT_MASTER_KEY, masterKeyRing, MasterKeyId, MasterKeyText, PreviousMasterKeys, type MasterKeyRing } from './master-keys';

/** The privacy layer's environment, merged into every service's configuration. */
export const privacyEnv = {
  HOMEWARD_MASTER_KEY: MasterKeyText.optional().describe('Master key (base64, 32 bytes) that wraps the data keys; required in production.'),
  HOMEWARD_MASTER_KEY_ID: MasterKeyId.describe('Id of HOMEWARD_MASTER_KEY, stored with every key it wraps.'),
  HOMEWARD_PREVIOUS_MASTER_KEYS: PreviousMasterKeys.describe('Older master keys still accepted for unwrapping, id:base64 comma-separated.'),
  HOMEWARD_KEY_VAULT_DB: z.string().regex(/^[a-zA-Z0-9_-]{1,60}$/).optional().describe('The one key-vault database all services share.'),
  KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(5_000).describe('How long a data key is cached in memory.'),
  CASE_RETENTION_MS: z.coerce.number().int().min(0).default(5 * 365 * 24 * 3_600_000).describe('How long a closed, withdrawn or rejected case is kept before it is erased (default five years).'),
  RETENTION_SWEEP_MS: z.coerce.number().int().min(0).default(3_600_000).describe('How often the retention job looks for cases to erase; 0 turns it off.'),
};

export interface PrivacySettings {
  readonly masterKeys: MasterKeyRing;
  readonly keyVaultDb: string;
  readonly cacheTtlMs: number;
}

interface PrivacyConfig {
  readonly NODE_ENV: string;
  /** Present where the service's configuration has it (authEnv): production by either variable. */
  readonly HOMEWARD_ENV?: string | undefined;
  readonly HOMEWARD_TOPIC_PREFIX: string;
  readonly HOMEWARD_MASTER_KEY?: string | undefined;
  readonly HOMEWARD_MASTER_KEY_ID: string;
  readonly HOMEWARD_PREVIOUS_MASTER_KEYS: readonly { id: string; key: Buffer }[];
  readonly HOMEWARD_KEY_VAULT_DB?: string | undefined;
  readonly KEY_CACHE_TTL_MS: number;
}

/**
 * What the privacy layer needs from a validated configuration. Production
 * must bring its own master key; elsewhere a public development key keeps a
 * fresh clone working. The key vault's default name follows the topic prefix,
 * so that every test (its own prefix) has its own vault and the services of
 * one stack (one prefix) share theirs.
 */
export function privacySettings(config: PrivacyConfig): PrivacySettings {
  if (!config.HOMEWARD_MASTER_KEY && productionMode(config)) {
    throw new Error('Invalid configuration:\n  HOMEWARD_MASTER_KEY: required in production (base64 of 32 random bytes)');
  }
  const current = config.HOMEWARD_MASTER_KEY
    ? { id: config.HOMEWARD_MASTER_KEY_ID, key: Buffer.from(config.HOMEWARD_MASTER_KEY, 'base64') }
    : DEVELOPMENT_MASTER_KEY;
  return {
    masterKeys: masterKeyRing(current, config.HOMEWARD_PREVIOUS_MASTER_KEYS),
    keyVaultDb: config.HOMEWARD_KEY_VAULT_DB ?? keyVaultDbFor(config.HOMEWARD_TOPIC_PREFIX),
    cacheTtlMs: config.KEY_CACHE_TTL_MS,
  };
}

export function keyVaultDbFor(topicPrefix: string): string {
  if (!topicPrefix) return 'homeward_keyvault';
  return `${topicPrefix.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 48)}_keyvault`;
}
