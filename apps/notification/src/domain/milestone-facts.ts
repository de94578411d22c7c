import type { Flight, Language, Milestone, PersonName } from '@homeward/contracts';
import { airportLabel, timeZoneOf } from './airports';

/** What an e-mail about one milestone says, before it is put into words. */
export interface MilestoneFacts {
  readonly milestone: Milestone;
  readonly language: Language;
  readonly guardianName: PersonName;
  readonly childNames: readonly PersonName[];
  /** The movement the child is (or was) on, for the flight milestones. */
  readonly flight?: Flight;
  /** When the movement arrived or the child was handed over. */
  readonly at?: string;
  readonly unsubscribeUrl: string;
}

/** The values the templates' placeholders take, already formatted for the guardian's locale. */
export interface MilestoneView {
  readonly guardian: string;
  readonly child: string;
  readonly flight?: string;
  readonly departure?: string;
  readonly airport?: string;
  readonly meetingPoint?: string;
  readonly arrivedAt?: string;
  readonly handedOverAt?: string;
}

/** The child's name in the script the guardian reads: Cyrillic for Russian, Arabic for Arabic, else Latin, else the first recorded. */
export function childNameFor(names: readonly PersonName[], language: Language): string {
  const preferred = language === 'ru' ? 'cyrillic' : language === 'ar' ? 'arabic' : 'latin';
  const name = names.find((n) => n.script === preferred) ?? names.find((n) => n.script === 'latin') ?? names[0]!;
  return name.given;
}

/**
 * A date and time as the guardian reads it: their language's calendar
 * words and order, in the time zone of the arrival airport (where they
 * wait), with the zone named so that nobody misreads it as local time elsewhere.
 */
export function formatMoment(iso: string, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(language, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

export function milestoneView(facts: MilestoneFacts, meetingPointUnknown: string): MilestoneView {
  const { language, flight } = facts;
  const timeZone = flight ? timeZoneOf(flight.arrivalAirport) : 'UTC';
  const at = facts.at ? formatMoment(facts.at, language, timeZone) : undefined;
  return {
    guardian: `${facts.guardianName.given} ${facts.guardianName.family}`,
    child: childNameFor(facts.childNames, language),
    ...(flight
      ? {
          flight: flight.flightNumber,
          departure: formatMoment(flight.scheduledDeparture, language, timeZone),
          airport: airportLabel(flight.arrivalAirport, language),
          meetingPoint: flight.meetingPoint ?? meetingPointUnknown,
        }
      : {}),
    ...(at && facts.milestone === 'arrived' ? { arrivedAt: at } : {}),
    ...(at && facts.milestone === 'handed-over' ? { handedOverAt: at } : {}),
  };
}
