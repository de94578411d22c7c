import { z } from 'zod';

/** A 256-bit key-encryption key with the id stored beside every data key it wraps. */
export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

/** The key that wraps new data keys, and the older ones still accepted for unwrapping during a rotation. */
export interface MasterKeyRing {
  readonly current: MasterKey;
  readonly previous: readonly MasterKey[];
}

/**
 * A fixed, public key for development and tests only, so that a fresh clone
 * runs without secrets; production refuses to start without its own key
 * (privacyEnv below).
 */
export const DEVELOPMENT_MASTER_KEY: MasterKey = {
  id: 'development',
  key: Buffer.from('aG9tZXdhcmQtZGV2ZWxvcG1lbnQtbWFzdGVyLWtleSE=', 'base64'),
};

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export const MasterKeyText = z
  .string()
  .refine((text) => Buffer.from(text, 'base64').length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(text), 'expected 32 bytes in base64 (openssl rand -base64 32)');

/** `id:base64,id:base64`: the keys a rotation moves away from. */
export const PreviousMasterKeys = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const keys: MasterKey[] = [];
    for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [id, key] = item.split(':');
      if (!id || !KEY_ID.test(id) || !key || !MasterKeyText.safeParse(key).success) {
        ctx.addIssue({ code: 'custom', message: 'expected id:base64-of-32-bytes[,id:base64-of-32-bytes]' });
        return z.NEVER;
      }
      keys.push({ id, key: Buffer.from(key, 'base64') });
    }
    return keys;
  });

export const MasterKeyId = z.string().regex(KEY_ID).default('master-1');

export function masterKeyRing(current: MasterKey, previous: readonly MasterKey[] = []): MasterKeyRing {
  if (current.key.length !== 32) throw new Error(`master key ${current.id} must be 32 bytes`);
  return { current, previous: previous.filter((k) => k.id !== current.id) };
}

export function findMasterKey(ring: MasterKeyRing, id: string): MasterKey | undefined {
  return ring.current.id === id ? ring.current : ring.previous.find((k) => k.id === id);
}
