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
  siblingCaseId: '00000000-0000-4000-8000-000000000004',
  holdId: '00000000-0000-4000-8000-000000000005',
  escortId: '00000000-0000-4000-8000-000000000006',
  evidenceId: '00000000-0000-4000-8000-000000000007',
} as const;

export type ExampleData = { readonly [T in EventType]: EventData<Extract<CatalogEvent, { type: T }>> };

const { caseId, guardianId, movementId, programmeId, siblingCaseId, holdId, escortId, evidenceId } = exampleIds;

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
    requiresMedicalEscort: false,
    siblingCaseIds: [siblingCaseId],
    claimedNationalities: ['RU'],
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
  'case.registered.v2': {
    caseId,
    programmeId,
    originState: 'IQ',
    destinationState: 'RU',
    sex: 'female',
    requiresMedicalEscort: false,
    siblingCaseIds: [siblingCaseId],
    claimedNationalities: ['RU'],
    registeredAt: '2019-06-03T09:15:00Z',
    personal: {
      names: [
        { given: 'Тестовая', family: 'Примерова', script: 'cyrillic' },
        { given: 'Testovaya', family: 'Primerova', script: 'latin' },
      ],
      birthDate: '2014-01-01',
      birthDatePrecision: 'year',
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
    programmeId,
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
  'programme.created.v1': {
    programmeId,
    name: 'Example programme Iraq to Russian Federation, children only',
    originState: 'IQ',
    destinationState: 'RU',
    eligibility: { maxAgeAtRegistration: 17, childrenOnly: true },
    escortPolicy: { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 },
    requirements: ['nationality-verified', 'guardian-approved', 'parental-consent', 'exit-clearance', 'travel-document', 'security-screening'],
    createdAt: '2018-12-01T09:00:00Z',
  },
  'programme.suspended.v1': { programmeId, reason: 'Security review of the programme', suspendedAt: '2018-02-01T09:00:00Z' },
  'programme.resumed.v1': { programmeId, resumedAt: '2018-12-01T09:00:00Z' },
  'case.updated.v1': {
    caseId,
    programmeId,
    originState: 'IQ',
    destinationState: 'RU',
    sex: 'female',
    requiresMedicalEscort: true,
    siblingCaseIds: [siblingCaseId],
    claimedNationalities: ['RU'],
    personal: {
      names: [{ given: 'Testovaya', family: 'Primerova', script: 'latin' }],
      birthDate: { value: '2014-03-12', precision: 'day' },
      facility: { type: 'orphanage', name: 'Example Orphanage', city: 'Baghdad' },
      mother: { status: 'detained', location: 'Example Facility 1' },
      medicalNeeds: 'Asthma; inhaler during the flight',
      guardians: [],
    },
    version: 3,
    updatedAt: '2019-06-10T09:00:00Z',
  },
  'case.withdrawn.v1': { caseId, reason: 'Family reunited locally', withdrawnAt: '2019-06-20T09:00:00Z' },
  'case.merged.v1': { caseId: siblingCaseId, survivorCaseId: caseId, mergedAt: '2019-06-05T09:00:00Z' },
  'requirement.evidence-attached.v1': {
    caseId,
    requirement: 'nationality-verified',
    evidenceId,
    kind: 'dna',
    attachedBy: 'legal-officer-example',
    attachedAt: '2019-06-15T09:00:00Z',
  },
  'requirement.decided.v1': {
    caseId,
    requirement: 'nationality-verified',
    decision: 'satisfied',
    reason: 'DNA match with the grandmother, kinship probability 99.9 %',
    decidedBy: 'legal-officer-example',
    decidedAt: '2019-06-16T09:00:00Z',
  },
  'case.hold-placed.v1': {
    caseId,
    holdId,
    category: 'medical',
    reason: 'Awaiting a medical assessment',
    placedBy: 'legal-officer-example',
    placedAt: '2019-06-17T09:00:00Z',
  },
  'case.hold-lifted.v1': { caseId, holdId, liftedBy: 'supervisor-example', liftedAt: '2019-06-18T09:00:00Z' },
  'clearance.requested.v1': { caseId, requestedBy: 'legal-officer-example', requestedAt: '2019-06-30T09:00:00Z' },
  'case.rejected.v1': {
    caseId,
    requirement: 'nationality-verified',
    reason: 'No documentary or DNA evidence of nationality',
    rejectedBy: 'supervisor-example',
    rejectedAt: '2019-06-30T10:00:00Z',
  },
  'movement.rescheduled.v1': {
    movementId,
    scheduledDeparture: '2019-07-10T07:00:00Z',
    previousDeparture: '2019-07-10T05:00:00Z',
    caseIds: [caseId],
    rescheduledAt: '2019-07-05T09:00:00Z',
  },
  'movement.cancelled.v1': { movementId, reason: 'Airport closed', releasedCaseIds: [caseId], cancelledAt: '2019-07-06T09:00:00Z' },
  'movement.escort-added.v1': { movementId, escortId, role: 'medical', addedAt: '2019-07-04T09:00:00Z' },
  'movement.escort-removed.v1': { movementId, escortId, removedAt: '2019-07-05T09:00:00Z' },
  'case.unassigned.v1': { caseId, movementId, reason: 'Hold placed', unassignedAt: '2019-07-05T10:00:00Z' },
  'case.boarded.v1': { caseId, movementId, boardedAt: '2019-07-10T04:30:00Z' },
  'case.boarding-missed.v1': { caseId, movementId, reason: 'Not brought to the airport', recordedAt: '2019-07-10T04:45:00Z' },
  'movement.departed.v1': { movementId, caseIds: [caseId], departedAt: '2019-07-10T05:10:00Z' },
  'movement.arrived.v1': { movementId, caseIds: [caseId], arrivedAt: '2019-07-10T09:40:00Z' },
  'case.handed-over.v1': {
    caseId,
    movementId,
    receiverKind: 'guardian',
    guardianId,
    personal: { name: 'Sample Primerova', relationship: 'grandmother', receivingPerson: 'Sample Primerova' },
    handedOverAt: '2019-07-10T11:00:00Z',
  },
};
