import { ConflictError, RuleViolationError } from '@homeward/errors';
import type { CaseUpdatedV1, EventData } from '@homeward/contracts';
import { caseSnapshot, facilityKey, type CaseRecord } from './case';
import { eligibilityRefusal } from './case-eligibility';
import { finalStages } from './case-stage';
import { nameKeys } from './name-keys';
import type { ProgrammeForRegistration } from './register-case';
import { withoutUndefined } from './register-case';
import type { RegisterCaseCommand } from './register-case.command';

export type CaseUpdatedData = EventData<typeof CaseUpdatedV1>;

/** A change to a case's details; `null` removes an optional detail (JSON merge patch). */
export type CaseDetailsPatch = Partial<
  Pick<RegisterCaseCommand, 'sex' | 'names' | 'birthDate' | 'facility' | 'claimedNationalities' | 'requiresMedicalEscort'>
> & {
  placeOfBirth?: string | null;
  mother?: RegisterCaseCommand['mother'] | null;
  father?: RegisterCaseCommand['father'] | null;
  medicalNeeds?: string | null;
};

export interface CaseChange {
  readonly set: Partial<CaseRecord>;
  readonly event: CaseUpdatedData;
}

/** Withdrawn, rejected and merged cases are history: intake changes nothing on them. */
export function assertEditable(caseId: string, record: Pick<CaseRecord, 'stage' | 'mergedInto'>): void {
  if (!finalStages.has(record.stage)) return;
  const where = record.mergedInto ? ` into ${record.mergedInto}` : '';
  throw new ConflictError(`case ${caseId} is ${record.stage}${where}: it can no longer be changed`);
}

/**
 * The `set` and `case.updated.v1` data of any change to a case: the event
 * carries the whole new snapshot and the version the write will produce
 * (AggregateStore.update increments it by one).
 */
export function caseChange(caseId: string, current: CaseRecord & { version: number }, set: Partial<CaseRecord>, now: Date, by: string): CaseChange {
  const updatedAt = now.toISOString();
  const fullSet: Partial<CaseRecord> = { ...set, updatedAt, updatedBy: by };
  const next = { ...current, ...fullSet };
  return { set: fullSet, event: { ...caseSnapshot(caseId, next), version: current.version + 1, updatedAt } };
}

/**
 * Corrects the details of a case. A corrected birth date is checked against
 * the programme's eligibility at the registration date, as if registered with it.
 */
export function updateCaseDetails(
  caseId: string,
  current: CaseRecord & { version: number },
  patch: CaseDetailsPatch,
  programme: ProgrammeForRegistration | undefined,
  now: Date,
  by: string,
): CaseChange | RuleViolationError {
  assertEditable(caseId, current);
  if (patch.birthDate && programme) {
    const refusal = eligibilityRefusal(programme.eligibility, patch.birthDate, new Date(current.registeredAt));
    if (refusal) return refusal;
  }
  const { sex, claimedNationalities, requiresMedicalEscort, ...personalPatch } = patch;
  const personal = withoutUndefined(
    Object.fromEntries(
      Object.entries({ ...current.personal, ...personalPatch }).map(([k, v]) => [k, v === null ? undefined : v]),
    ) as CaseRecord['personal'],
  );
  const set: Partial<CaseRecord> = withoutUndefined({
    sex,
    claimedNationalities,
    requiresMedicalEscort,
    personal,
    nameKeys: nameKeys(personal.names),
    facilityKey: facilityKey(personal.facility.name),
  });
  return caseChange(caseId, current, set, now, by);
}
