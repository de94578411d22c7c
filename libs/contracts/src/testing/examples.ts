import type { EventData } from '../define-event';
import type { CatalogEvent, EventType } from '../registry';

/**
 * One valid `data` per event type, shared by the contract tests and by the
 * services' tests. Every person in it is invented (names read "Test",
 * "Sample", "Primer" = "example"); only places and the flight come from the
 * seed scenario (Baghdad → Zhukovsky, 10 July 2019).
 */
export const exampleIds = {
  caseId: '00000000-0000-4000-8000-000000000001',
  guardianId: '00000000-0000-4000-8000-000000000002',
  movementId: '00000000-0000-4000-8000-000000000003',
  programmeId: 'programme-example-iq-ru',
} as const;

export type ExampleData = { readonly [T in EventType]: EventData<Extract<CatalogEvent, { type: T }>> };

const { caseId, guardianId, movementId, programmeId } = exampleIds;

const flight = {
  operator: 'Emergencies Ministry',
  flightNumber: 'EXAMPLE-1',
  departureAirport: 'BGW',
  arrivalAirport: 'ZIA',
  scheduledDeparture: '2019-07-10T05:00:00Z',
};

export const exampleData: ExampleData = {
  'case.registered.v1': {
    caseId,
    programmeId,
    originState: 'IQ',
    destinationState: 'RU',
    sex: 'female',
    registeredAt: '2019-06-03T09:15:00Z',
    personal: {
      names: [
        { given: 'Тестовая', family: 'Примерова', script: 'cyrillic' },
        { given: 'Testovaya', family: 'Primerova', script: 'latin' },
      ],
      birthDate: { value: '2014-01-01', precision: 'year' },
      facility: { type: 'prison', name: 'Example Facility 1', city: 'Baghdad' },
      guardians: [
        {
          guardianId,
          relationship: 'grandmother',
          name: { given: 'Sample', family: 'Primerova', script: 'latin' },
          email: 'sample.guardian@example.org',
          preferredLanguage: 'ru',
        },
      ],
    },
  },
  'legal-file.opened.v1': {
    caseId,
    openedAt: '2019-06-03T09:15:02Z',
    requirements: [
      'nationality-verified',
      'guardian-approved',
      'parental-consent',
      'exit-clearance',
      'travel-document',
      'security-screening',
    ],
  },
  'case.cleared.v1': {
    caseId,
    programmeId,
    destinationState: 'RU',
    clearedAt: '2019-07-01T14:30:00Z',
    approvedBy: ['legal-officer-example', 'supervisor-example'],
  },
  'movement.scheduled.v1': {
    movementId,
    flight,
    seats: 33,
    scheduledAt: '2019-07-02T08:00:00Z',
  },
  'case.assigned.v1': {
    caseId,
    movementId,
    seat: 12,
    flight,
    assignedAt: '2019-07-03T10:00:00Z',
  },
  'notification.email-sent.v1': {
    deliveryId: `${caseId}:cleared:${guardianId}`,
    caseId,
    guardianId,
    milestone: 'cleared',
    sentAt: '2019-07-01T14:30:05Z',
  },
};
