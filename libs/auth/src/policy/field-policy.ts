import { Role } from '../roles';

const { CaseWorker, LegalOfficer, Supervisor, LogisticsOfficer, ScreeningOfficer, Admin } = Role;

/**
 * Who sees which personal field of which object (DESIGN.md "Privacy and
 * security": per field). A field not listed is visible to whoever may read
 * the object; a listed one is removed from the answer for every other role.
 * Paths are dotted, `[]` walks an array.
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
} as const satisfies Record<string, Record<string, readonly Role[]>>;

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
  const redacted = hidden.filter((path) => removePath(copy, path.split('.')));
  return { value: copy, redacted };
}

function removePath(target: unknown, [head, ...rest]: string[]): boolean {
  if (typeof target !== 'object' || target === null || head === undefined) return false;
  const record = target as Record<string, unknown>;
  if (!(head in record)) return false;
  if (rest.length === 0) {
    delete record[head];
    return true;
  }
  return removePath(record[head], rest);
}
