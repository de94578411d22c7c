import { z } from 'zod';
import { createApiClient, type AccessTokenProvider, type ApiClient } from './api-client';

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

export interface PersonName {
  readonly given: string;
  readonly family: string;
  readonly script: Script;
}

/** Body of intake's `POST /cases` (apps/intake/src/http/register-case.request.ts). */
export interface RegisterCaseBody {
  readonly programmeId: string;
  readonly originState: string;
  readonly destinationState: string;
  readonly sex: 'female' | 'male' | 'unknown';
  readonly names: readonly PersonName[];
  readonly birthDate: { readonly value: string; readonly precision: 'day' | 'month' | 'year' };
  readonly facility: { readonly type: 'camp' | 'prison' | 'orphanage' | 'other'; readonly name: string; readonly city: string };
  readonly guardians: readonly {
    readonly relationship: string;
    readonly name: PersonName;
    readonly email: string;
    readonly preferredLanguage: GuardianLanguage;
  }[];
}

/** Body of logistics' `POST /movements`. */
export interface ScheduleMovementBody {
  readonly operator: string;
  readonly flightNumber: string;
  readonly departureAirport: string;
  readonly arrivalAirport: string;
  readonly scheduledDeparture: string;
  readonly seats: number;
}

// Only the fields the scenario reads; zod drops the rest.
const CaseRegistered = z.object({ caseId: z.uuid(), stage: z.string() });
const CaseView = z.object({ caseId: z.uuid(), stage: z.string() });
const LegalFile = z.object({ caseId: z.uuid(), status: z.string() });
const Clearance = z.object({ status: z.string() });
const MovementScheduled = z.object({ movementId: z.uuid() });
const Movement = z.object({ movementId: z.uuid(), seats: z.number(), assigned: z.array(z.object({ caseId: z.string(), seat: z.number() })) });
const SeatAssigned = z.object({ seat: z.number() });
const Deliveries = z.object({
  deliveries: z.array(z.object({ guardianId: z.string(), milestone: z.string(), status: z.string(), attempts: z.number().optional() })),
});
export type Delivery = z.infer<typeof Deliveries>['deliveries'][number];
const HealthReady = z.object({ status: z.literal('ready') });

export type ServiceName = Exclude<keyof ServiceUrls, 'mailpit'>;

/** Typed calls of the public REST APIs the scenario drives; nothing here touches a database. */
export function createHomewardApis(urls: ServiceUrls, options: { accessToken?: AccessTokenProvider; requestIdPrefix?: string } = {}) {
  const client = (service: ServiceName): ApiClient => createApiClient({ service, baseUrl: urls[service], ...options });
  const intake = client('intake');
  const legal = client('legal');
  const logistics = client('logistics');
  const notification = client('notification');
  const clients: Record<ServiceName, ApiClient> = { intake, legal, logistics, notification };
  const id = encodeURIComponent;

  return {
    ready: async (service: ServiceName) => HealthReady.parse(await clients[service].get('/health/ready')),
    registerCase: async (body: RegisterCaseBody) => CaseRegistered.parse(await intake.post('/cases', body)),
    getCase: async (caseId: string) => CaseView.parse(await intake.get(`/cases/${id(caseId)}`)),
    getLegalFile: async (caseId: string) => LegalFile.parse(await legal.get(`/legal-files/${id(caseId)}`)),
    approveClearance: async (caseId: string, approvedBy: string) =>
      Clearance.parse(await legal.post(`/legal-files/${id(caseId)}/clearance`, { approvedBy })),
    scheduleMovement: async (body: ScheduleMovementBody) => MovementScheduled.parse(await logistics.post('/movements', body)),
    getMovement: async (movementId: string) => Movement.parse(await logistics.get(`/movements/${id(movementId)}`)),
    assignCase: async (movementId: string, caseId: string) =>
      SeatAssigned.parse(await logistics.post(`/movements/${id(movementId)}/assignments`, { caseId })),
    getDeliveries: async (caseId: string) => Deliveries.parse(await notification.get(`/cases/${id(caseId)}/deliveries`)).deliveries,
  };
}

export type HomewardApis = ReturnType<typeof createHomewardApis>;
