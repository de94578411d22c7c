import { z } from 'zod';
import { BirthDate, CasePersonal, Facility, LanguageSchema, Parent, PersonName, ProgrammeId, RegisteredGuardian, SexSchema } from '@homeward/contracts';

/**
 * The registration form's rules: intake's POST /cases body, built from the
 * same contract schemas intake validates with (names, birth date and its
 * precision, facility, parents, guardians).
 */
export const RegisterCaseForm = z
  .object({
    programmeId: ProgrammeId,
    sex: SexSchema,
    names: CasePersonal.shape.names,
    birthDate: BirthDate,
    placeOfBirth: CasePersonal.shape.placeOfBirth,
    facility: Facility,
    mother: Parent.optional(),
    father: Parent.optional(),
    medicalNeeds: CasePersonal.shape.medicalNeeds,
    requiresMedicalEscort: z.boolean().default(false),
    guardians: z.array(RegisteredGuardian.omit({ guardianId: true }).extend({ preferredLanguage: LanguageSchema })).max(10),
  })
  .strict();
export type RegisterCaseForm = z.infer<typeof RegisterCaseForm>;

export { PersonName };

/**
 * What a person typed, as the request: empty optional fields are absent
 * rather than empty strings, and a parent without a name has no name.
 */
export function cleanDraft(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (Array.isArray(value)) return value.map(cleanDraft);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, cleanDraft(v)] as const);
    const kept = Object.fromEntries(entries.filter(([, v]) => v !== undefined));
    for (const parent of ['mother', 'father'])
      if (kept[parent] && typeof kept[parent] === 'object') {
        const p = kept[parent] as { name?: { given?: string; family?: string } };
        if (p.name && !p.name.given && !p.name.family) delete p.name;
      }
    return kept;
  }
  return value;
}

/** A problem's JSON Pointer (`/names/0/given`) as the form's field path (`names.0.given`). */
export const pointerToField = (pointer: string) => pointer.replace(/^\//, '').split('/').join('.');
