export interface Movement {
  readonly movementId: string;
  readonly programmeId: string;
  readonly flight: { operator: string; flightNumber: string; departureAirport: string; arrivalAirport: string; scheduledDeparture: string; meetingPoint?: string };
  readonly seats: number;
  readonly freeSeats: number;
  readonly status: 'scheduled' | 'departed' | 'arrived' | 'cancelled';
  readonly escorts: readonly { escortId: string; name: string; role: string }[];
  readonly passengers: readonly { caseId: string; seat: number; status: 'assigned' | 'boarded' | 'handed-over'; handover?: { name: string; receivingPerson: string; handedOverAt: string } }[];
  readonly noShows: readonly { caseId: string; reason: string; recordedAt: string }[];
  readonly version: number;
}
