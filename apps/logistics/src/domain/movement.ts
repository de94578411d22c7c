import type { Flight } from '@homeward/contracts';

export const MovementStatus = { scheduled: 'scheduled', departed: 'departed', arrived: 'arrived', cancelled: 'cancelled' } as const;
export type MovementStatus = (typeof MovementStatus)[keyof typeof MovementStatus];

/** Where a child on the movement is: seated, on board, or handed over at the destination. */
export const PassengerStatus = { assigned: 'assigned', boarded: 'boarded', handedOver: 'handed-over' } as const;
export type PassengerStatus = (typeof PassengerStatus)[keyof typeof PassengerStatus];

export const EscortRoleValue = { official: 'official', medical: 'medical', psychologist: 'psychologist', carer: 'carer' } as const;
export type EscortRole = (typeof EscortRoleValue)[keyof typeof EscortRoleValue];

export interface Escort {
  escortId: string;
  name: string;
  role: EscortRole;
}

export interface Handover {
  receiverKind: 'guardian' | 'institution';
  guardianId?: string;
  name: string;
  relationship: string;
  receivingPerson: string;
  handedOverAt: string;
}

export interface Passenger {
  caseId: string;
  seat: number;
  status: PassengerStatus;
  assignedAt: string;
  boardedAt?: string;
  handover?: Handover;
}

export interface NoShow {
  caseId: string;
  reason: string;
  recordedAt: string;
}

/**
 * A movement (a flight home). `passengers` lists only the children who hold a
 * seat now: a child unassigned, a no-show or released by a cancellation is no
 * longer in it, which is what puts the case back in the cleared pool.
 */
export interface MovementState {
  programmeId: string;
  flight: Flight;
  seats: number;
  status: MovementStatus;
  escorts: Escort[];
  passengers: Passenger[];
  noShows: NoShow[];
  scheduledAt: string;
  departedAt?: string;
  arrivedAt?: string;
  cancelledAt?: string;
  cancelReason?: string;
  releasedCaseIds?: string[];
}

/** The escort policy of the movement's programme, as logistics knows it. */
export interface EscortPolicy {
  childrenPerEscort: number;
  infantsPerEscort: number;
  infantAgeMonths: number;
}

export interface ProgrammeFacts {
  programmeId: string;
  status: 'active' | 'suspended';
  suspendedReason?: string;
  escortPolicy: EscortPolicy;
}
