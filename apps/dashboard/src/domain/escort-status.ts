/** What a programme asks of a movement's escorts (the contract's EscortPolicy, the part the dashboard can check). */
export interface EscortPolicyView {
  readonly childrenPerEscort: number;
}

export interface Passenger {
  readonly status: 'assigned' | 'boarded' | 'arrived' | 'handed-over';
  readonly medical: boolean;
}

export interface EscortStatus {
  readonly escorts: number;
  readonly required: number;
  readonly medicalNeeded: boolean;
  readonly medicalOnBoard: boolean;
  /** Enough escorts for the children on board, and a medical one where a child needs it. */
  readonly ok: boolean;
}

/**
 * The escort check of DESIGN.md "Logistics" that the dashboard can make from
 * non-personal data: one escort per N children, a medical escort when a child
 * needs one. The infant ratio needs birth dates, which the dashboard does not
 * keep; logistics enforces it at assignment.
 */
export function escortStatus(
  escorts: Readonly<Record<string, string>>,
  passengers: readonly Passenger[],
  policy: EscortPolicyView | undefined,
): EscortStatus {
  const roles = Object.values(escorts);
  const required = policy && passengers.length > 0 ? Math.ceil(passengers.length / policy.childrenPerEscort) : 0;
  const medicalNeeded = passengers.some((p) => p.medical);
  const medicalOnBoard = roles.includes('medical');
  return {
    escorts: roles.length,
    required,
    medicalNeeded,
    medicalOnBoard,
    ok: roles.length >= required && (!medicalNeeded || medicalOnBoard),
  };
}
