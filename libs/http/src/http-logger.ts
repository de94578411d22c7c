/**
 * The part of a pino logger the HTTP layer uses; a pino `Logger` (or a
 * child of it) satisfies it, so this lib does not pin the telemetry setup.
 */
export interface HttpLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * What goes into a log line about a failure: the error, never the request
 * body. Body-parser errors carry the raw body as an enumerable property,
 * which pino's default serializer would copy, so only these fields pass.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const cause = error.cause === undefined ? undefined : describeError(error.cause);
  return { type: error.name, message: error.message, stack: error.stack, ...(cause && { cause }) };
}
