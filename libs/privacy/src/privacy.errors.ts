import { HomewardError } from '@homeward/errors';

/**
 * The child's data key was deleted (crypto-shredding): the data is gone for
 * good. Not retriable; the HTTP layer answers 410 where it reaches a client.
 */
export class DataErasedError extends HomewardError {
  readonly status = 410;
  readonly code = 'erased';
  readonly retriable = false;
}

/** Ciphertext that does not open with its key: tampered, moved to another case or field, or a wrong master key. */
export class DecryptionError extends HomewardError {
  readonly status = 500;
  readonly code = 'decryption-failed';
  readonly retriable = false;
}
