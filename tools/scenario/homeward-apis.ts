import { z } from 'zod';
import { createApiClient, type AccessTokenProvider, type Actor, type ApiClient } from './api-client';

/** Where the four services and Mailpit answer. */
export interface ServiceUrls {
  readonly intake: string;
  readonly legal: string;
  readonly logistics: string;
  readonly notification: string;
  readonly mailpit: string;
}

export type Script = 'cyrillic' | 'latin' | 'arabic';
export type GuardianLanguage = 'ru' | 'en' | 'ar' | 'fr' | 'de' | 'tr' | 'fi';
export type RequirementCode = 'nationality-verified' | 'guardian-approved' | 'parental-consent' | 'exit-clearance' | 'travel-document' | 'security-screening';
export type EscortRole = 'official' | 'medical' | 'psychologist' | 'carer';

export interface PersonName {
  readonly given: string;
  readonly family: string;
  readonly script: Script;
}

/** Body of intake's `POST /programmes` (the contracts' ProgrammeDefinition). */
export interface CreateProgrammeBody {
  readonly programmeId: string;
  readonly name: string;
  readonly originState: string;
  readonly destinationState: string;
  readonly eligibility: { readonly maxAgeAtRegistration: number; readonly childrenOnly: boolean };
  readonly escortPolicy: { readonly childrenPerEscort: number; readonly infantsPerEscort: number; readonly infantAgeMonths: number };
  readonly requirements: readonly RequirementCode[];
}

export interface Parent {
  readonly name?: PersonName;
  readonly status: 'detained' | 'convicted' | 'deceased' | 'missing' | 'unknown';
  readonly location?: string;
}

/** Body of intake's `POST /cases` (apps/intake/src/domain/register-case.command.ts); the states come from the programme. */
export interface RegisterCaseBody {
  readonly programmeId: string;
  readonly sex: 'female' | 'male' | 'unknown';
  readonly names: readonly PersonName[];
  readonly birthDate: { readonly value: string; readonly precision: 'day' | 'month' | 'year' };
  readonly placeOfBirth?: string;
  readonly facility: { readonly type: 'camp' | 'prison' | 'orphanage' | 'other'; readonly name: string; readonly city: string };
  readonly mother?: Parent;
  readonly father?: Parent;
  readonly claimedNationalities?: readonly string[];
  readonly medicalNeeds?: string;
  readonly requiresMedicalEscort?: boolean;
  readonly guardians: readonly {
    readonly relationship: string;
    readonly name: PersonName;
    readonly email: string;
    readonly preferredLanguage: GuardianLanguage;
  }[];
}

/** Body of logistics' `POST /movements`. */
export interface ScheduleMovementBody {
  readonly programmeId: string;
  readonly operator: string;
  readonly flightNumber: string;
  readonly departureAirport: string;
  readonly arrivalAirport: string;
  readonly scheduledDeparture: string;
  readonly seats: number;
}

/** Evidence for a requirement, as legal takes it. */
export type EvidenceBody =
  | { readonly kind: 'document'; readonly documentType: string; readonly number: string; readonly issuingAuthority: string; readonly issuedOn: string }
  | { readonly kind: 'dna'; readonly laboratory: string; readonly sampleId: string; readonly testedRelative: string; readonly kinshipProbability: number };

export interface DecisionBody {
  readonly decision: 'satisfied' | 'refused';
  readonly reason: string;
  readonly basis?: 'guardian-or-sponsor-approved' | 'state-care-arranged';
}

export interface HandoverBody {
  readonly receiverKind: 'guardian' | 'institution';
  readonly guardianId?: string;
  readonly name: string;
  readonly relationship: string;
  readonly receivingPerson: string;
}

// Only the fields the scenario reads; zod drops the rest.
const CaseRegistered = z.object({ caseId: z.uuid(), stage: z.string() });
const CaseView = z.object({
  caseId: z.uuid(),
  stage: z.string(),
  siblingCaseIds: z.array(z.string()),
  personal: z.object({ guardians: z.array(z.object({ guardianId: z.string(), relationship: z.string(), name: z.object({ given: z.string(), family: z.string() }) })) }),
});
const LegalFile = z.object({ caseId: z.uuid(), status: z.string(), requirements: z.array(z.object({ code: z.string(), status: z.string() })) });
const LogisticsCase = z.object({
  caseId: z.uuid(),
  cleared: z.boolean(),
  onHold: z.boolean(),
  inClearedPool: z.boolean(),
  movementId: z.string().nullable(),
  passengerStatus: z.string().nullable(),
});
const Passenger = z.object({ caseId: z.string(), seat: z.number(), status: z.string() });
const Movement = z.object({
  movementId: z.uuid(),
  status: z.string(),
  seats: z.number(),
  freeSeats: z.number(),
  escorts: z.array(z.object({ escortId: z.string(), role: z.string() })),
  passengers: z.array(Passenger),
  noShows: z.array(z.object({ caseId: z.string(), reason: z.string() })),
});
const Assigned = z.object({ assigned: z.array(z.object({ caseId: z.string(), seat: z.number() })), freeSeats: z.number() });
const Deliveries = z.object({
  deliveries: z.array(z.object({ guardianId: z.string(), milestone: z.string(), status: z.string(), attempts: z.number().optional() })),
});
export type Delivery = z.infer<typeof Deliveries>['deliveries'][number];
export type MovementView = z.infer<typeof Movement>;
export type IntakeCase = z.infer<typeof CaseView>;
export type LogisticsCase = z.infer<typeof LogisticsCase>;
const HealthReady = z.object({ status: z.literal('ready') });

export type ServiceName = Exclude<keyof ServiceUrls, 'mailpit'>;

/** Who reads each service's data in the scenario: the role whose work the read serves (seeded users). */
export const READERS: Record<ServiceName, Actor> = {
  intake: { userId: 'case-worker-1', roles: ['case-worker'] },
  legal: { userId: 'legal-officer-1', roles: ['legal-officer'] },
  logistics: { userId: 'logistics-officer-1', roles: ['logistics-officer'] },
  notification: { userId: 'case-worker-1', roles: ['case-worker'] },
};

/**
 * Typed calls of the public REST APIs the scenario drives; nothing here
 * touches a database. Every command names the person who sends it.
 */
export function createHomewardApis(
  urls: ServiceUrls,
  options: { accessToken?: AccessTokenProvider; requestIdPrefix?: string; timeoutMs?: number } = {},
) {
  const client = (service: ServiceName): ApiClient => createApiClient({ service, baseUrl: urls[service], reader: READERS[service], ...options });
  const intake = client('intake');
  const legal = client('legal');
  const logistics = client('logistics');
  const notification = client('notification');
  const clients: Record<ServiceName, ApiClient> = { intake, legal, logistics, notification };
  const id = encodeURIComponent;
  const requirement = (caseId: string, code: RequirementCode) => `/legal-files/${id(caseId)}/requirements/${id(code)}`;
  const movement = (movementId: string) => `/movements/${id(movementId)}`;

  return {
    ready: async (service: ServiceName) => HealthReady.parse(await clients[service].get('/health/ready')),

    createProgramme: (body: CreateProgrammeBody, by: Actor) => intake.post<unknown>('/programmes', body, by),
    /** With an Idempotency-Key, repeating the call after a lost answer reaches the same case. */
    registerCase: async (body: RegisterCaseBody, by: Actor, idempotencyKey?: string) =>
      CaseRegistered.parse(await intake.post('/cases', body, by, idempotencyKey ? { 'idempotency-key': idempotencyKey } : undefined)),
    linkSiblings: async (caseId: string, caseIds: readonly string[], by: Actor) =>
      CaseView.parse(await intake.post(`/cases/${id(caseId)}/siblings`, { caseIds }, by)),
    getCase: async (caseId: string) => CaseView.parse(await intake.get(`/cases/${id(caseId)}`)),

    getLegalFile: async (caseId: string) => LegalFile.parse(await legal.get(`/legal-files/${id(caseId)}`)),
    attachEvidence: (caseId: string, code: RequirementCode, body: EvidenceBody, by: Actor) => legal.post<unknown>(`${requirement(caseId, code)}/evidence`, body, by),
    decideRequirement: async (caseId: string, code: RequirementCode, body: DecisionBody, by: Actor) =>
      LegalFile.parse(await legal.post(`${requirement(caseId, code)}/decision`, body, by)),
    requestClearance: async (caseId: string, by: Actor) => LegalFile.parse(await legal.post(`/legal-files/${id(caseId)}/clearance-request`, undefined, by)),
    approveClearance: async (caseId: string, by: Actor) => LegalFile.parse(await legal.post(`/legal-files/${id(caseId)}/clearance-approval`, undefined, by)),

    getLogisticsCase: async (caseId: string) => LogisticsCase.parse(await logistics.get(`/cases/${id(caseId)}`)),
    scheduleMovement: async (body: ScheduleMovementBody, by: Actor) => Movement.parse(await logistics.post('/movements', body, by)),
    getMovement: async (movementId: string) => Movement.parse(await logistics.get(movement(movementId))),
    addEscort: async (movementId: string, escort: { name: string; role: EscortRole }, by: Actor) =>
      Movement.parse(await logistics.post(`${movement(movementId)}/escorts`, escort, by)),
    assignCases: async (movementId: string, caseIds: readonly string[], by: Actor) =>
      Assigned.parse(await logistics.post(`${movement(movementId)}/assignments`, { caseIds }, by)),
    manifest: (movementId: string, format: 'csv' | 'pdf') => logistics.getDocument(`${movement(movementId)}/manifest.${format}`),
    board: async (movementId: string, caseId: string, by: Actor) =>
      Movement.parse(await logistics.post(`${movement(movementId)}/boarding/${id(caseId)}`, { status: 'boarded' }, by)),
    depart: async (movementId: string, by: Actor) => Movement.parse(await logistics.post(`${movement(movementId)}/departure`, undefined, by)),
    arrive: async (movementId: string, by: Actor) => Movement.parse(await logistics.post(`${movement(movementId)}/arrival`, undefined, by)),
    handOver: async (movementId: string, caseId: string, body: HandoverBody, by: Actor) =>
      Movement.parse(await logistics.post(`${movement(movementId)}/handovers/${id(caseId)}`, body, by)),

    getDeliveries: async (caseId: string) => Deliveries.parse(await notification.get(`/cases/${id(caseId)}/deliveries`)).deliveries,
  };
}

export type HomewardApis = ReturnType<typeof createHomewardApis>;
