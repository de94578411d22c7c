import { z } from 'zod';

export const CaseId = z.uuid().describe('Id of a child case, assigned by intake; the Kafka key of case events.');
export const MovementId = z.uuid().describe('Id of a movement (a flight), assigned by logistics.');
export const GuardianId = z.uuid().describe('Id of a candidate guardian within a case.');
export const Timestamp = z.iso.datetime({ offset: true }).describe('RFC 3339 timestamp in UTC.');
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/)
  .describe('ISO 3166-1 alpha-2 country code, e.g. IQ or RU.');
export const IataCode = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .describe('IATA airport code, e.g. BGW (Baghdad) or ZIA (Zhukovsky).');

export const Sex = { female: 'female', male: 'male', unknown: 'unknown' } as const;
export const SexSchema = z.enum(Sex).describe('Sex of the child as recorded.');
export type Sex = (typeof Sex)[keyof typeof Sex];

export const Language = {
  ru: 'ru',
  en: 'en',
  ar: 'ar',
  fr: 'fr',
  de: 'de',
  tr: 'tr',
  fi: 'fi',
} as const;
export const LanguageSchema = z.enum(Language).describe('Preferred language of a guardian (BCP 47 primary subtag).');
export type Language = (typeof Language)[keyof typeof Language];

export const Script = { cyrillic: 'cyrillic', latin: 'latin', arabic: 'arabic' } as const;
export const ScriptSchema = z.enum(Script).describe('Writing system a name is recorded in.');

export const PersonName = z
  .object({
    given: z.string().trim().min(1).max(200).describe('Given name(s).'),
    family: z.string().trim().min(1).max(200).describe('Family name.'),
    script: ScriptSchema,
  })
  .strict()
  .describe('A name as written in one script.');
export type PersonName = z.infer<typeof PersonName>;

export const DatePrecision = { day: 'day', month: 'month', year: 'year' } as const;
export const BirthDate = z
  .object({
    value: z.iso.date().describe('Date of birth, YYYY-MM-DD; for an estimate, the first day of the known period.'),
    precision: z.enum(DatePrecision).describe('How much of the date is known: exact day, month or only year.'),
  })
  .strict()
  .describe('Date of birth, exact or estimated.');
