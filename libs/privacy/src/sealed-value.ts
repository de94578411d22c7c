/**
 * A personal value in encrypted form, in place of the value itself, in
 * MongoDB documents, Kafka messages and dead letters alike. The marker key
 * has no `$` or `.` (MongoDB refuses those in field names).
 */
export interface SealedValue {
  readonly _sealed: 'aes-256-gcm.v1';
  /** base64 of iv ‖ tag ‖ ciphertext of the value's JSON, bound (AAD) to the case and the field path. */
  readonly data: string;
}

/** What a reader gets in place of a value whose data key was deleted. */
export interface ErasedValue {
  readonly erased: true;
}

export const ERASED: ErasedValue = Object.freeze({ erased: true as const });

export function isSealed(value: unknown): value is SealedValue {
  return typeof value === 'object' && value !== null && (value as { _sealed?: unknown })._sealed === 'aes-256-gcm.v1' && typeof (value as { data?: unknown }).data === 'string';
}

export function isErased(value: unknown): value is ErasedValue {
  return typeof value === 'object' && value !== null && (value as { erased?: unknown }).erased === true && Object.keys(value).length === 1;
}

/** Additional authenticated data: ciphertext copied to another case or field does not open. */
export const associatedData = (caseId: string, path: string): string => `homeward:${caseId}:${path}`;
