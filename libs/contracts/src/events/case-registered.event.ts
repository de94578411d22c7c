import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topic } from '../topics';
import { DatePrecision, Timestamp } from '../common';
import { CasePersonal, CaseSnapshot } from '../case-snapshot';

export { RegisteredGuardian } from '../case-snapshot';
/** @deprecated name kept for existing imports; the personal part of every case snapshot. */
export const CaseRegisteredPersonal = CasePersonal;

const registration = {
  registeredAt: Timestamp,
  importReference: z.string().min(1).max(200).optional().describe("The source list's own row reference, for imported cases."),
};

export const CaseRegisteredV1Data = CaseSnapshot.extend(registration).strict();
export type CaseRegisteredV1Data = z.infer<typeof CaseRegisteredV1Data>;

/**
 * Kept so that v1 messages still in the topics are read (and upcast to v2,
 * see upcasting/case-registered.upcaster.ts); intake publishes v2 only.
 */
export const CaseRegisteredV1 = defineEvent({
  type: 'case.registered.v1',
  topic: Topic.intake,
  keyedBy: 'case',
  summary: 'A child case was registered by intake (superseded by case.registered.v2, still read).',
  schema: CaseRegisteredV1Data,
});

/**
 * v2: the birth date is a plain date and its precision a field of its own,
 * so that a consumer filtering or sorting by date needs no nested object.
 * Changing the type of `personal.birthDate` breaks v1 readers, hence a new version.
 */
export const CaseRegisteredV2Personal = CasePersonal.omit({ birthDate: true })
  .extend({
    birthDate: z.iso.date().describe('Date of birth, YYYY-MM-DD; for an estimate, the first day of the known period.'),
    birthDatePrecision: z.enum(DatePrecision).describe('How much of birthDate is known: exact day, month or only year.'),
  })
  .strict()
  .describe('Personal data of the case; encrypted at rest and in transit by the privacy layer.');
export type CaseRegisteredV2Personal = z.infer<typeof CaseRegisteredV2Personal>;

export const CaseRegisteredV2Data = CaseSnapshot.extend({ ...registration, personal: CaseRegisteredV2Personal }).strict();
export type CaseRegisteredV2Data = z.infer<typeof CaseRegisteredV2Data>;

export const CaseRegisteredV2 = defineEvent({
  type: 'case.registered.v2',
  topic: Topic.intake,
  keyedBy: 'case',
  summary: 'A child case was registered by intake; the birth date and its precision are separate fields.',
  schema: CaseRegisteredV2Data,
});

/** The v2 personal part of a case snapshot's personal part (lossless; the inverse is `casePersonalFromV2`). */
export function casePersonalToV2(personal: CasePersonal): CaseRegisteredV2Personal {
  const { birthDate, ...rest } = personal;
  return { ...rest, birthDate: birthDate.value, birthDatePrecision: birthDate.precision };
}

export function casePersonalFromV2(personal: CaseRegisteredV2Personal): CasePersonal {
  const { birthDate, birthDatePrecision, ...rest } = personal;
  return { ...rest, birthDate: { value: birthDate, precision: birthDatePrecision } };
}
