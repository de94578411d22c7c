import { ValidationError } from '@homeward/errors';
import { uuidV5 } from '../domain/import-ids';

/** Homeward's namespace for registrations named by an Idempotency-Key (fixed forever). */
const REGISTRATION_NAMESPACE = '0f6c2a94-8d1e-4b57-a3c0-6e92d41b7f38';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * `POST /cases` with an `Idempotency-Key` header (the IETF httpapi draft's
 * field): the case id is derived from the caller and the key, so a client
 * that repeats a registration whose answer it lost (a timeout, a restart)
 * reaches the same case instead of registering the child twice. Without
 * the header, a new id per request as before.
 */
export function registrationKey(header: string | undefined, userId: string): { readonly caseId: string } | undefined {
  if (header === undefined) return undefined;
  if (!KEY_PATTERN.test(header)) {
    throw new ValidationError('the Idempotency-Key header must be 1 to 200 visible ASCII characters', [
      { field: 'Idempotency-Key', message: 'expected 1 to 200 visible ASCII characters' },
    ]);
  }
  return { caseId: uuidV5(`${userId}\u0000${header}`, REGISTRATION_NAMESPACE) };
}

/** The request body in a canonical form (keys sorted at every level), to tell a repeat from another request under the same key. */
export function canonicalBody(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalBody).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalBody((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
