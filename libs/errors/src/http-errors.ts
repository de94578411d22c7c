import { HomewardError } from './homeward-error';

/** One invalid field of a request, as JSON Pointer into the body or a parameter name. */
export interface FieldViolation {
  readonly field: string;
  readonly message: string;
}

export class ValidationError extends HomewardError {
  readonly status = 400;
  readonly code = 'validation-failed';
  readonly retriable = false;
  constructor(
    message: string,
    readonly violations: readonly FieldViolation[],
  ) {
    super(message, { violations });
  }
}

export class NotFoundError extends HomewardError {
  readonly status = 404;
  readonly code = 'not-found';
  readonly retriable = false;
}

/** A transition the state machine does not allow from the current state. */
export class ConflictError extends HomewardError {
  readonly status = 409;
  readonly code = 'conflict';
  readonly retriable = false;
}

/**
 * The caller is known but may not do this: a missing role, or the same
 * person acting twice where two people must (four-eyes). The message says why.
 */
export class ForbiddenError extends HomewardError {
  readonly status = 403;
  readonly code = 'forbidden';
  readonly retriable = false;
}

/** A business rule refused the command; `rule` names it. */
export class RuleViolationError extends HomewardError {
  readonly status = 422;
  readonly code = 'rule-violated';
  readonly retriable = false;
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message, { rule });
  }
}

/** A dependency (database, broker, SMTP) failed in a way that may pass. */
export class TransientError extends HomewardError {
  readonly status = 503;
  readonly code = 'temporarily-unavailable';
  readonly retriable = true;
}

/** A message that can never be processed: wrong shape, unknown type or version. */
export class PoisonMessageError extends HomewardError {
  readonly status = 422;
  readonly code = 'poison-message';
  readonly retriable = false;
}

export function isRetriable(error: unknown): boolean {
  if (error instanceof HomewardError) return error.retriable;
  // Unknown errors from drivers (network resets, timeouts, not-primary) are
  // assumed transient: retrying a dead letter later is cheaper than losing it.
  return true;
}

/** The client's copy (If-Match / expected version) is older than the stored one. */
export class PreconditionFailedError extends HomewardError {
  readonly status = 412;
  readonly code = 'precondition-failed';
  readonly retriable = false;
}

/** A retriable failure that lasted too long: the message is dead-lettered, to be replayed once the cause is fixed. */
export class RetriesExhaustedError extends HomewardError {
  readonly status = 503;
  readonly code = 'retries-exhausted';
  readonly retriable = false;
}

/**
 * The caller is not authenticated: no bearer token, or one that does not
 * verify. `challenge` is the `WWW-Authenticate` value (RFC 6750 §3) the HTTP
 * layer sends with the 401.
 */
export class UnauthorizedError extends HomewardError {
  readonly status = 401;
  readonly code = 'unauthorized';
  readonly retriable = false;
  constructor(
    message: string,
    readonly challenge: string,
  ) {
    super(message);
  }
}

/** Too many requests for one caller in the window; `retryAfterSeconds` goes into `Retry-After`. */
export class TooManyRequestsError extends HomewardError {
  readonly status = 429;
  readonly code = 'too-many-requests';
  readonly retriable = true;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
