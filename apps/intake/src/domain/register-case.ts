import { RuleViolationError } from '@homeward/errors';
import { casePersonalToV2, type CaseRegisteredV2Data, type ProgrammeDefinition } from '@homeward/contracts';
import { caseSnapshot, facilityKey, type CaseRecord } from './case';
import { eligibilityRefusal } from './case-eligibility';
import { CaseStage } from './case-stage';
import { nameKeys } from './name-keys';
import type { RegisterCaseCommand } from './register-case.command';

export { RegisterCaseCommand, NewGuardian } from './register-case.command';

/** The programme as registration needs it; `undefined` when no programme has that id. */
export type ProgrammeForRegistration = Pick<ProgrammeDefinition, 'originState' | 'destinationState' | 'eligibility'>;

/** A registration: a case worker's command or an import row (which carries its own row reference). */
export type RegisterCaseInput = RegisterCaseCommand & { readonly importReference?: string };

export interface RegistrationIds {
  readonly caseId: string;
  /** Called once per guardian, in order. */
  readonly guardianId: () => string;
}

export interface RegisteredCase {
  readonly caseId: string;
  readonly record: CaseRecord;
  /** The data of `case.registered.v2`. */
  readonly event: CaseRegisteredV2Data;
}

/**
 * Registers a child under a programme, or refuses with the rule it breaks.
 * Pure: the caller supplies the time and the ids, and writes `record` with the
 * event built from `event` in one document (AggregateStore.create). Used by
 * POST /cases and by the bulk import, so both apply the same rules.
 *
 * A suspended programme still registers: suspension stops movements, not
 * intake (DESIGN "Intake").
 */
export function registerCase(
  programme: ProgrammeForRegistration | undefined,
  input: RegisterCaseInput,
  now: Date,
  ids: RegistrationIds,
  registeredBy: string,
): RegisteredCase | RuleViolationError {
  if (!programme) return new RuleViolationError('programme-exists', `programme ${input.programmeId} does not exist`);
  const refusal = eligibilityRefusal(programme.eligibility, input.birthDate, now);
  if (refusal) return refusal;

  const registeredAt = now.toISOString();
  const { importReference, guardians, names, birthDate, placeOfBirth, facility, mother, father, medicalNeeds } = input;
  const record: CaseRecord = {
    programmeId: input.programmeId,
    originState: programme.originState,
    destinationState: programme.destinationState,
    sex: input.sex,
    requiresMedicalEscort: input.requiresMedicalEscort,
    siblingCaseIds: [],
    claimedNationalities: input.claimedNationalities,
    personal: withoutUndefined({
      names,
      birthDate,
      placeOfBirth,
      facility,
      mother,
      father,
      medicalNeeds,
      guardians: guardians.map((g) => ({ guardianId: ids.guardianId(), ...g })),
    }),
    nameKeys: nameKeys(names),
    facilityKey: facilityKey(facility.name),
    stage: CaseStage.registered,
    stageHistory: [{ stage: CaseStage.registered, at: registeredAt }],
    stageFacts: [],
    registeredAt,
    registeredBy,
    updatedAt: registeredAt,
    updatedBy: registeredBy,
    ...(importReference ? { importReference } : {}),
  };
  const snapshot = caseSnapshot(ids.caseId, record);
  const event: CaseRegisteredV2Data = {
    ...snapshot,
    personal: casePersonalToV2(snapshot.personal),
    registeredAt,
    ...(importReference ? { importReference } : {}),
  };
  return { caseId: ids.caseId, record, event };
}

/** Optional fields absent rather than `undefined`, so the stored document and the event carry no empty keys. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
