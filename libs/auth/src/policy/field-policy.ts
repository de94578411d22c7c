import { Role } from '../roles';

const { CaseWorker, LegalOfficer, Supervisor, LogisticsOfficer, ScreeningOfficer, Admin } = Role;

/**
 * Who sees which personal field of which object (DESIGN.md "Privacy and
 * security": per field). A field not listed is visible to whoever may read
 * the object; a listed one is removed from the answer for every other role.
 * Paths are dotted; `name[]` walks every element of an array, and
 * `name[key=value]` only the elements whose `key` is `value`.
 */
export const FIELD_POLICY = {
  case: {
    'personal.names': [CaseWorker, LegalOfficer, Supervisor, LogisticsOfficer, ScreeningOfficer, Admin],
    'personal.birthDate': [CaseWorker, LegalOfficer, Supervisor, LogisticsOfficer, ScreeningOfficer, Admin],
    'personal.placeOfBirth': [CaseWorker, LegalOfficer, Supervisor, ScreeningOfficer, Admin],
    // The parents' legal status (detained, convicted…): not the flight's business.
    'personal.mother': [CaseWorker, LegalOfficer, Supervisor, ScreeningOfficer, Admin],
    'personal.father': [CaseWorker, LegalOfficer, Supervisor, ScreeningOfficer, Admin],
    // Medical needs: who cares for the child and who plans the escorts.
    'personal.medicalNeeds': [CaseWorker, Supervisor, LogisticsOfficer, Admin],
    'personal.guardians': [CaseWorker, LegalOfficer, Supervisor, LogisticsOfficer, Admin],
  },
  // Screening details are visible only to screening officers (issue 6): everyone else who reads
  // a legal file sees the screening's outcome (status, who, when), not its evidence or reasons.
  'legal-file': {
    'requirements[code=security-screening].evidence[].documentType': [ScreeningOfficer],
    'requirements[code=security-screening].evidence[].issuingAuthority': [ScreeningOfficer],
    'requirements[code=security-screening].evidence[].issuedOn': [ScreeningOfficer],
    'requirements[code=security-screening].evidence[].laboratory': [ScreeningOfficer],
    'requirements[code=security-screening].evidence[].testedRelative': [ScreeningOfficer],
    'requirements[code=security-screening].evidence[].kinshipProbability': [ScreeningOfficer],
    'requirements[code=security-screening].decisions[].reason': [ScreeningOfficer],
  },
} as const satisfies Record<string, Record<string, readonly Role[]>>;

/**
 * Objects whose array elements say that something was withheld: an element
 * that lost a field gets this member set to `true`, so that a reader can tell
 * "withheld from you" from "there is none".
 */
export const REDACTION_MARKERS: Partial<Record<keyof typeof FIELD_POLICY, string>> = { 'legal-file': 'restricted' };

export type PolicyObject = keyof typeof FIELD_POLICY;

/** The fields of `object` the roles may not see. */
export function hiddenFields(object: PolicyObject, roles: readonly Role[]): string[] {
  return Object.entries(FIELD_POLICY[object])
    .filter(([, allowed]) => !roles.some((role) => (allowed as readonly Role[]).includes(role)))
    .map(([field]) => field);
}

/** A copy of `value` without the fields the roles may not see; the names of those removed. */
export function redact<T>(object: PolicyObject, roles: readonly Role[], value: T): { value: T; redacted: string[] } {
  const hidden = hiddenFields(object, roles);
  if (hidden.length === 0) return { value, redacted: [] };
  const copy = structuredClone(value);
  const marker = REDACTION_MARKERS[object];
  const redacted = hidden.filter((path) => removePath(copy, path.split('.'), marker, false));
  return { value: copy, redacted };
}

const SEGMENT = /^([^[\]]+)(?:\[(?:([^=\]]+)=([^\]]*))?\])?$/;

function removePath(target: unknown, [head, ...rest]: string[], marker: string | undefined, inArray: boolean): boolean {
  if (typeof target !== 'object' || target === null || head === undefined) return false;
  const record = target as Record<string, unknown>;
  const [, name, key, wanted] = SEGMENT.exec(head) ?? [];
  if (!name || !(name in record)) return false;
  if (head.endsWith(']')) {
    const elements = record[name];
    if (!Array.isArray(elements) || rest.length === 0) return false;
    const chosen = key === undefined ? elements : elements.filter((e) => (e as Record<string, unknown> | null)?.[key] === wanted);
    return chosen.map((element) => removePath(element, rest, marker, true)).includes(true);
  }
  if (rest.length === 0) {
    delete record[name];
    if (inArray && marker) record[marker] = true;
    return true;
  }
  return removePath(record[name], rest, marker, inArray);
}
