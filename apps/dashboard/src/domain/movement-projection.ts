export const MovementStatus = { scheduled: 'scheduled', departed: 'departed', arrived: 'arrived', cancelled: 'cancelled' } as const;
export type MovementStatus = (typeof MovementStatus)[keyof typeof MovementStatus];

export interface FlightView {
  readonly operator: string;
  readonly flightNumber: string;
  readonly departureAirport: string;
  readonly arrivalAirport: string;
}

/** The fields of a movement its own events set (the passengers come from the cases: see passenger-sync). */
export interface MovementState {
  readonly programmeId?: string;
  readonly flight?: FlightView;
  readonly departure?: string;
  readonly seats?: number;
  readonly status?: MovementStatus;
  readonly escorts: Readonly<Record<string, string>>;
}

export type MovementChange =
  | { readonly kind: 'scheduled'; readonly programmeId: string; readonly flight: FlightView; readonly departure: string; readonly seats: number }
  | { readonly kind: 'rescheduled'; readonly departure: string }
  | { readonly kind: 'escort-added'; readonly escortId: string; readonly role: string }
  | { readonly kind: 'escort-removed'; readonly escortId: string }
  | { readonly kind: 'status'; readonly status: MovementStatus };

export const emptyMovement = (): MovementState => ({ escorts: {} });

/** Movement events share the movement's partition, so they arrive in order: each sets what it says. */
export function applyMovementChange(state: MovementState, change: MovementChange): MovementState {
  switch (change.kind) {
    case 'scheduled':
      return {
        ...state,
        programmeId: change.programmeId,
        flight: change.flight,
        departure: change.departure,
        seats: change.seats,
        status: state.status ?? MovementStatus.scheduled,
      };
    case 'rescheduled':
      return { ...state, departure: change.departure };
    case 'escort-added':
      return { ...state, escorts: { ...state.escorts, [change.escortId]: change.role } };
    case 'escort-removed': {
      const { [change.escortId]: _removed, ...escorts } = state.escorts;
      return { ...state, escorts };
    }
    case 'status':
      return { ...state, status: change.status };
  }
}
