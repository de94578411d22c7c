import { createHash } from 'node:crypto';

/**
 * Name-based UUID version 5 (RFC 9562 §5.5): SHA-1 of the namespace's 16
 * bytes followed by the name's UTF-8 bytes, the first 16 bytes kept, version
 * and variant bits set. node:crypto has randomUUID (v4) only, and a dozen
 * lines here beat a dependency for it.
 */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  if (ns.length !== 16) throw new Error(`uuidV5: namespace ${namespace} is not a UUID`);
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Homeward's own namespaces (random v4 UUIDs, fixed forever: changing one re-keys every derived id). */
const IMPORTED_CASE_NAMESPACE = '5d0b7c1e-2f43-4c8a-9b6e-0a51f3d8e214';
const DUPLICATE_PAIR_NAMESPACE = 'a3c9e2f0-7b14-4d5e-8f26-91c4b0d7e3a5';

/**
 * The id of the case an import row creates: the same programme and row
 * reference give the same case id, so a re-import (or a resumed one after a
 * crash) finds the case already there (AggregateStore.create returns false)
 * instead of creating a second one.
 */
export function importedCaseId(programmeId: string, rowReference: string): string {
  // The separator cannot occur in a programme id (ProgrammeId allows no NUL).
  return uuidV5(`${programmeId}\u0000${rowReference}`, IMPORTED_CASE_NAMESPACE);
}

/** One duplicate candidate per unordered pair of cases, whoever detects it first. */
export function duplicatePairId(caseA: string, caseB: string): string {
  const [first, second] = [caseA, caseB].sort();
  return uuidV5(`${first}|${second}`, DUPLICATE_PAIR_NAMESPACE);
}
