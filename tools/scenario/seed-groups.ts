import type { RegisterCaseBody, ScheduleMovementBody } from './homeward-apis';

/** The restarted Iraq → Russia programme of the seed report: children only. */
export const PROGRAMME = { programmeId: 'iq-ru-2019', originState: 'IQ', destinationState: 'RU' } as const;

/** Ages and estimated birth dates are counted back from the day of the first flight. */
export const REFERENCE_DATE = '2019-07-10';

export const APPROVER = 'supervisor-1';

type Facility = RegisterCaseBody['facility'];

// Invented, generic names: no real institution is meant.
export const FACILITIES = {
  prison: { type: 'prison', name: "Women's Detention Centre No. 4", city: 'Baghdad' },
  orphanage: { type: 'orphanage', name: "State Children's Home No. 2", city: 'Baghdad' },
  camp: { type: 'camp', name: 'Transit Camp No. 9', city: 'Baghdad' },
} as const satisfies Record<string, Facility>;

const OPERATOR = 'EMERCOM of Russia (Emergencies Ministry)';

export interface GroupPlan {
  readonly key: string;
  readonly label: string;
  /** Ordinal used in refs and e-mail addresses (g1-c07, …g1f03…). */
  readonly ordinal: number;
  readonly flight: ScheduleMovementBody;
  /** Children per family, in order; a family is a sibling group sharing its guardians. */
  readonly familySizes: readonly number[];
  /** The first this-many families have an infant under two as their youngest child (held with the mother). */
  readonly familiesWithInfant: number;
}

/** The two flights of the seed report: 33 children on 10 July 2019, "about 30" in August. */
export const GROUP_PLANS: readonly GroupPlan[] = [
  {
    key: 'group-1',
    label: 'Group 1 — 10 July 2019',
    ordinal: 1,
    flight: {
      operator: OPERATOR,
      flightNumber: 'EMR-0710',
      departureAirport: 'BGW',
      arrivalAirport: 'ZIA',
      scheduledDeparture: '2019-07-10T05:00:00Z',
      seats: 40,
    },
    familySizes: [4, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1],
    familiesWithInfant: 4,
  },
  {
    key: 'group-2',
    label: 'Group 2 — August 2019',
    ordinal: 2,
    flight: {
      operator: OPERATOR,
      flightNumber: 'EMR-0822',
      departureAirport: 'BGW',
      arrivalAirport: 'ZIA',
      scheduledDeparture: '2019-08-22T05:00:00Z',
      seats: 36,
    },
    familySizes: [3, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    familiesWithInfant: 3,
  },
];
