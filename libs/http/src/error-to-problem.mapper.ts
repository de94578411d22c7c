import { HomewardError, RuleViolationError, ValidationError } from '@homeward/errors';
import { BadRequestError } from './request.errors';

/** What the error handler needs to answer and to decide whether to log. */
export interface MappedError {
  readonly code: string;
  readonly status: number;
  readonly detail: string;
  readonly extensions: Readonly<Record<string, unknown>>;
  /** True for failures of the service itself (5xx), which are logged. */
  readonly unexpected: boolean;
}

const INTERNAL_DETAIL = 'The service failed to process the request. Quote the request id when reporting it.';
const UNAVAILABLE_DETAIL = 'A dependency of the service is temporarily unavailable; retry later.';

export function mapErrorToProblem(error: unknown): MappedError {
  const typed = error instanceof HomewardError ? error : fromHttpError(error);
  if (!typed) {
    return { code: 'internal-error', status: 500, detail: INTERNAL_DETAIL, extensions: {}, unexpected: true };
  }
  // Messages and details of client errors are written for the caller; those
  // of server errors may name hosts or internals, so the caller gets a
  // generic sentence and the log gets the error.
  if (typed.status >= 500) {
    const detail = typed.retriable ? UNAVAILABLE_DETAIL : INTERNAL_DETAIL;
    return { code: typed.code, status: typed.status, detail, extensions: {}, unexpected: true };
  }
  return {
    code: typed.code,
    status: typed.status,
    detail: typed.message,
    extensions: extensionsOf(typed),
    unexpected: false,
  };
}

function extensionsOf(error: HomewardError): Record<string, unknown> {
  if (error instanceof ValidationError) return { errors: error.violations };
  if (error instanceof RuleViolationError) return { rule: error.rule };
  return { ...error.details };
}

/**
 * Express's router and parsers flag bad input they detect themselves with
 * `status: 400`: `http-errors` with `expose`, or a URIError for an
 * undecodable `%` in a path parameter.
 */
function fromHttpError(error: unknown): HomewardError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  if (status !== 400 || (expose !== true && !(error instanceof URIError))) return undefined;
  return new BadRequestError('The request is malformed.');
}
