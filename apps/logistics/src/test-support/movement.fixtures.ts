import { CaseStanding, type CaseFacts } from '../domain/case-facts';
import { MovementStatus, type Escort, type EscortPolicy, type EscortRole, type MovementState, type ProgrammeFacts } from '../domain/movement';

/** Shared by the domain tests: the seed's flight, invented children. */
export const policy: EscortPolicy = { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 };
export const PROGRAMME_ID = 'iq-ru-test';
export const DEPARTURE = '2019-07-10T05:00:00Z';
export const AT = '2019-07-09T10:00:00Z';
export const OLDER_CHILD = { value: '2014-01-01', precision: 'day' } as const;
export const INFANT = { value: '2018-12-01', precision: 'day' } as const;

export const caseIdOf = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
export const escortIdOf = (n: number): string => `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`;

export const programme = (over: Partial<ProgrammeFacts> = {}): ProgrammeFacts => ({
  programmeId: PROGRAMME_ID,
  status: 'active',
  escortPolicy: policy,
  ...over,
});

export const escort = (n: number, role: EscortRole = 'official'): Escort => ({ escortId: escortIdOf(n), name: `Escort ${n}`, role });

export const escorts = (count: number, role: EscortRole = 'official'): Escort[] => Array.from({ length: count }, (_, i) => escort(i + 1, role));

export const movement = (over: Partial<MovementState> = {}): MovementState => ({
  programmeId: PROGRAMME_ID,
  flight: { operator: 'Emergencies Ministry', flightNumber: 'TEST-1', departureAirport: 'BGW', arrivalAirport: 'ZIA', scheduledDeparture: DEPARTURE },
  seats: 33,
  status: MovementStatus.scheduled,
  escorts: escorts(2),
  passengers: [],
  noShows: [],
  scheduledAt: AT,
  ...over,
});

export const child = (n: number, over: Partial<CaseFacts> = {}): CaseFacts => ({
  caseId: caseIdOf(n),
  programmeId: PROGRAMME_ID,
  birthDate: OLDER_CHILD,
  requiresMedicalEscort: false,
  siblingCaseIds: [],
  standing: CaseStanding.cleared,
  onHold: false,
  ...over,
});

export const factsOf = (...cases: CaseFacts[]): Map<string, CaseFacts> => new Map(cases.map((c) => [c.caseId, c]));
