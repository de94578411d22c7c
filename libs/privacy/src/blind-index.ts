import { createHmac } from 'node:crypto';

/** Marks a blinded value, so that blinding twice (a stored state merged with a change) is a no-op. */
export const BLIND_PREFIX = 'bi1:';

/**
 * A blind index: keyed HMAC-SHA-256 (128 bits kept) of a search key, so that
 * equality search works on the stored values while they reveal nothing
 * without the key. The key is its own random key in the key vault, wrapped
 * by the master key like the data keys: a master-key rotation re-wraps it
 * and leaves every stored index valid.
 */
export function blindIndex(key: Buffer, value: string): string {
  if (value.startsWith(BLIND_PREFIX)) return value;
  return BLIND_PREFIX + createHmac('sha256', key).update(value, 'utf8').digest().subarray(0, 16).toString('base64url');
}
