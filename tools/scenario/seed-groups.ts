import type { Actor } from './api-client';
import type { CreateProgrammeBody, EscortRole, RegisterCaseBody, ScheduleMovementBody } from './homeward-apis';

/**
 * The restarted Iraq → Russia programme of the seed report: children only,
 * under 18 when registered, one escort per five children and one per infant
 * under two, and the whole legal checklist.
 */
export const PROGRAMME = {
  programmeId: 'iq-ru-2019',
  name: 'Return of children from Iraq to the Russian Federation (2019)',
  originState: 'IQ',
  destinationState: 'RU',
  eligibility: { maxAgeAtRegistration: 17, childrenOnly: true },
  escortPolicy: { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 },
  requirements: ['nationality-verified', 'guardian-approved', 'parental-consent', 'exit-clearance', 'travel-document', 'security-screening'],
} as const satisfies CreateProgrammeBody;

/**
 * The people who act in the scenario, one per role the services name. The
 * legal officer who asks for a clearance and the supervisor who approves it
 * are different people: legal refuses a clearance approved by its requester.
 */
export const ACTORS = {
  caseWorker: { userId: 'case-worker-1', roles: ['case-worker'] },
  legalOfficer: { userId: 'legal-officer-1', roles: ['legal-officer'] },
  screeningOfficer: { userId: 'screening-officer-1', roles: ['screening-officer'] },
  supervisor: { userId: 'supervisor-1', roles: ['supervisor'] },
  logisticsOfficer: { userId: 'logistics-officer-1', roles: ['logistics-officer'] },
} as const satisfies Record<string, Actor>;

type Facility = RegisterCaseBody['facility'];

// Invented, generic names: no real institution is meant.
export const FACILITIES = {
  prison: { type: 'prison', name: "Women's Detention Centre No. 4", city: 'Baghdad' },
  orphanage: { type: 'orphanage', name: "State Children's Home No. 2", city: 'Baghdad' },
  camp: { type: 'camp', name: 'Transit Camp No. 9', city: 'Baghdad' },
} as const satisfies Record<string, Facility>;

const OPERATOR = 'Emergencies Ministry';

/** An escort of a flight: the scenario adds as many carers as the children need on top of the core team. */
export interface EscortPlanEntry {
  readonly name: string;
  readonly role: EscortRole;
}

export interface GroupPlan {
  readonly key: string;
  readonly label: string;
  /** Ordinal used in refs and e-mail addresses (g1-c07, …g1f03…). */
  readonly ordinal: number;
  readonly flight: ScheduleMovementBody;
  /** Children per family, in order; a family is a sibling group sharing its guardians. */
  readonly familySizes: readonly number[];
  /** The first this-many families have an infant under two (on the departure date) as their youngest child, held with the mother. */
  readonly familiesWithInfant: number;
  /** Children with medical needs (chronic illness); the first of them needs a medical escort. */
  readonly childrenWithMedicalNeeds: number;
  /** Who flies with every group whatever its size: the head of mission, a doctor, a psychologist. */
  readonly coreEscorts: readonly EscortPlanEntry[];
}

/** The two flights of the seed report: 33 children on 10 July 2019, "about 30" in August. */
export const GROUP_PLANS: readonly GroupPlan[] = [
  {
    key: 'group-1',
    label: 'Group 1 — 10 July 2019',
    ordinal: 1,
    flight: {
      programmeId: PROGRAMME.programmeId,
      operator: OPERATOR,
      flightNumber: 'EMR-0710',
      departureAirport: 'BGW',
      arrivalAirport: 'ZIA',
      scheduledDeparture: '2019-07-10T05:00:00Z',
      seats: 40,
    },
    familySizes: [4, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1],
    familiesWithInfant: 4,
    childrenWithMedicalNeeds: 2,
    coreEscorts: [
      { name: 'Sergei Orlov', role: 'official' },
      { name: 'Irina Belova', role: 'medical' },
      { name: 'Olga Nikitina', role: 'psychologist' },
    ],
  },
  {
    key: 'group-2',
    label: 'Group 2 — August 2019',
    ordinal: 2,
    flight: {
      programmeId: PROGRAMME.programmeId,
      operator: OPERATOR,
      flightNumber: 'EMR-0822',
      departureAirport: 'BGW',
      arrivalAirport: 'ZIA',
      scheduledDeparture: '2019-08-22T05:00:00Z',
      seats: 36,
    },
    familySizes: [3, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    familiesWithInfant: 3,
    childrenWithMedicalNeeds: 2,
    coreEscorts: [
      { name: 'Andrei Sokolov', role: 'official' },
      { name: 'Elena Lebedeva', role: 'medical' },
      { name: 'Marina Volkova', role: 'psychologist' },
    ],
  },
];

/** Carers added after the core team until the escort ratio is met (invented names). */
export const CARER_NAMES = [
  'Anna Kuznetsova', 'Tatiana Morozova', 'Natalia Zaitseva', 'Svetlana Orlova', 'Ekaterina Sokolova', 'Maria Lebedeva',
  'Iuliia Belova', 'Aleksandra Volkova', 'Viktoriia Nikitina', 'Galina Kuznetsova', 'Larisa Morozova', 'Nadezhda Zaitseva',
] as const;
