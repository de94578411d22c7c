import { NotFoundError, RuleViolationError } from '@homeward/errors';
import type { RegisteredGuardian } from '@homeward/contracts';
import type { CaseRecord } from './case';
import { assertEditable, caseChange, type CaseChange } from './case-changes';
import type { NewGuardian } from './register-case.command';

const MAX_GUARDIANS = 10;
const MAX_SIBLINGS = 20;

export function addGuardian(
  caseId: string,
  current: CaseRecord & { version: number },
  guardian: NewGuardian,
  guardianId: string,
  now: Date,
  by: string,
): CaseChange | RuleViolationError {
  assertEditable(caseId, current);
  if (current.personal.guardians.length >= MAX_GUARDIANS) {
    return new RuleViolationError('max-guardians', `case ${caseId} already has ${MAX_GUARDIANS} candidate guardians`);
  }
  const guardians: RegisteredGuardian[] = [...current.personal.guardians, { guardianId, ...guardian }];
  return caseChange(caseId, current, { personal: { ...current.personal, guardians } }, now, by);
}

/** Replaces the given fields of one guardian; `null` removes an optional one (phone, postal address). */
export function updateGuardian(
  caseId: string,
  current: CaseRecord & { version: number },
  guardianId: string,
  patch: Partial<Omit<NewGuardian, 'phone' | 'postalAddress'>> & { phone?: string | null; postalAddress?: string | null },
  now: Date,
  by: string,
): CaseChange {
  assertEditable(caseId, current);
  const existing = current.personal.guardians.find((g) => g.guardianId === guardianId);
  if (!existing) throw new NotFoundError(`case ${caseId} has no guardian ${guardianId}`);
  const merged = Object.fromEntries(
    Object.entries({ ...existing, ...patch }).filter(([, v]) => v !== null && v !== undefined),
  ) as RegisteredGuardian;
  const guardians = current.personal.guardians.map((g) => (g.guardianId === guardianId ? merged : g));
  return caseChange(caseId, current, { personal: { ...current.personal, guardians } }, now, by);
}

type SiblingView = Pick<CaseRecord, 'stage' | 'mergedInto' | 'siblingCaseIds' | 'programmeId'>;

/**
 * The sibling group after linking `caseId` with `linked`: the cases named and
 * every sibling any of them already has, so the relation stays symmetric and
 * transitive (logistics seats a sibling group together). `missing` lists the
 * ids the caller has not loaded yet: load them and call again.
 */
export function siblingGroup(
  caseId: string,
  linked: readonly string[],
  loaded: ReadonlyMap<string, SiblingView | null>,
): { group: string[]; missing: string[] } {
  if (linked.includes(caseId)) throw new RuleViolationError('sibling-not-self', `case ${caseId} cannot be its own sibling`);
  const group = new Set([caseId, ...linked]);
  const missing = new Set<string>();
  for (const id of group) {
    const member = loaded.get(id);
    if (member === undefined) missing.add(id);
    for (const sibling of member?.siblingCaseIds ?? []) group.add(sibling);
  }
  return { group: [...group].sort(), missing: [...missing] };
}

/** Every member exists, may still change, and is under the same programme. */
export function assertSiblingGroup(caseId: string, group: readonly string[], loaded: ReadonlyMap<string, SiblingView | null>): void {
  const programmeId = loaded.get(caseId)?.programmeId;
  for (const id of group) {
    const member = loaded.get(id);
    if (!member) throw new RuleViolationError('siblings-exist', `case ${id} does not exist`);
    assertEditable(id, member);
    if (member.programmeId !== programmeId) {
      throw new RuleViolationError('siblings-same-programme', `case ${id} is under programme ${member.programmeId}, not ${programmeId}`);
    }
  }
  if (group.length - 1 > MAX_SIBLINGS) {
    throw new RuleViolationError('max-siblings', `a sibling group has at most ${MAX_SIBLINGS + 1} children`);
  }
}

/** The siblings one member of the group should list; undefined when it already lists them all (nothing to write). */
export function siblingsToSet(memberId: string, current: readonly string[], group: readonly string[]): string[] | undefined {
  const wanted = group.filter((id) => id !== memberId);
  const missing = wanted.filter((id) => !current.includes(id));
  return missing.length === 0 ? undefined : [...new Set([...current, ...wanted])].sort();
}
