import type { Language } from '@homeward/contracts';

export interface Airport {
  readonly iata: string;
  /** IANA time zone: the guardians wait near the arrival airport, so its zone is theirs. */
  readonly timeZone: string;
  /** The airport's name in each language guardians read; English is the fallback. */
  readonly names: Partial<Record<Language, string>> & { readonly en: string };
}

/**
 * The airports of the programmes (seed: Baghdad → Zhukovsky) and the main
 * airports of the other destination states. Intl has no airport names, so
 * they are kept here; an unknown airport is shown by its IATA code in UTC.
 */
const airports: readonly Airport[] = [
  {
    iata: 'ZIA',
    timeZone: 'Europe/Moscow',
    names: {
      en: 'Zhukovsky International Airport',
      ru: 'Международный аэропорт Жуковский',
      ar: 'مطار جوكوفسكي الدولي',
      fr: 'Aéroport international de Joukovski',
      de: 'Internationaler Flughafen Schukowski',
      tr: 'Jukovski Uluslararası Havalimanı',
      fi: 'Žukovskin kansainvälinen lentoasema',
    },
  },
  {
    iata: 'SVO',
    timeZone: 'Europe/Moscow',
    names: {
      en: 'Sheremetyevo International Airport',
      ru: 'Международный аэропорт Шереметьево',
      ar: 'مطار شيريميتيفو الدولي',
      fr: 'Aéroport international Cheremetievo',
      de: 'Flughafen Moskau-Scheremetjewo',
      tr: 'Şeremetyevo Uluslararası Havalimanı',
      fi: 'Šeremetjevon kansainvälinen lentoasema',
    },
  },
  {
    iata: 'BGW',
    timeZone: 'Asia/Baghdad',
    names: {
      en: 'Baghdad International Airport',
      ru: 'Международный аэропорт Багдад',
      ar: 'مطار بغداد الدولي',
      fr: 'Aéroport international de Bagdad',
      de: 'Internationaler Flughafen Bagdad',
      tr: 'Bağdat Uluslararası Havalimanı',
      fi: 'Bagdadin kansainvälinen lentoasema',
    },
  },
  {
    iata: 'IST',
    timeZone: 'Europe/Istanbul',
    names: { en: 'Istanbul Airport', ru: 'Аэропорт Стамбул', ar: 'مطار إسطنبول', fr: "Aéroport d'Istanbul", de: 'Flughafen Istanbul', tr: 'İstanbul Havalimanı', fi: 'Istanbulin lentoasema' },
  },
  {
    iata: 'CDG',
    timeZone: 'Europe/Paris',
    names: { en: 'Paris Charles de Gaulle Airport', ru: 'Аэропорт Париж — Шарль-де-Голль', ar: 'مطار باريس شارل ديغول', fr: 'Aéroport Paris-Charles-de-Gaulle', de: 'Flughafen Paris-Charles-de-Gaulle', tr: 'Paris Charles de Gaulle Havalimanı', fi: 'Pariisi-Charles de Gaullen lentoasema' },
  },
  {
    iata: 'FRA',
    timeZone: 'Europe/Berlin',
    names: { en: 'Frankfurt Airport', ru: 'Аэропорт Франкфурт-на-Майне', ar: 'مطار فرانكفورت', fr: 'Aéroport de Francfort', de: 'Flughafen Frankfurt am Main', tr: 'Frankfurt Havalimanı', fi: 'Frankfurtin lentoasema' },
  },
  {
    iata: 'HEL',
    timeZone: 'Europe/Helsinki',
    names: { en: 'Helsinki Airport', ru: 'Аэропорт Хельсинки-Вантаа', ar: 'مطار هلسنكي', fr: "Aéroport d'Helsinki-Vantaa", de: 'Flughafen Helsinki-Vantaa', tr: 'Helsinki Havalimanı', fi: 'Helsinki-Vantaan lentoasema' },
  },
];

const byIata = new Map(airports.map((a) => [a.iata, a]));

export function findAirport(iata: string): Airport | undefined {
  return byIata.get(iata);
}

/** The time zone the guardian is assumed to be in: the arrival airport's, else UTC. */
export function timeZoneOf(iata: string): string {
  return byIata.get(iata)?.timeZone ?? 'UTC';
}

/** "Zhukovsky International Airport (ZIA)" in the guardian's language, or the code alone. */
export function airportLabel(iata: string, language: Language): string {
  const airport = byIata.get(iata);
  if (!airport) return iata;
  return `${airport.names[language] ?? airport.names.en} (${iata})`;
}
