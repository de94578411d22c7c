import { isSpanContextValid, trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Level, type Logger, type LoggerOptions } from 'pino';

export type LogLevel = Level | 'silent';

/**
 * Keys that hold personal data wherever they appear (DESIGN.md, Privacy:
 * names, birth dates, places, contacts, photos, family details). Event
 * payloads keep personal fields under `personal`, so that one key covers most.
 */
const PERSONAL_KEYS = [
  'personal',
  'names',
  'fullName',
  'givenName',
  'familyName',
  'email',
  'phone',
  'contact',
  'contacts',
  'address',
  'dateOfBirth',
  'birthDate',
  'placeOfBirth',
  'photo',
  'mother',
  'father',
  'guardians',
];

// @pinojs/redact matches `*.key` one level below the root only, so each key
// is listed at the depths a log call realistically nests it.
export const REDACTED_PATHS: readonly string[] = [
  ...PERSONAL_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  'req.query',
  'res.body',
  'res.headers["set-cookie"]',
  'body',
];

/**
 * A JSON logger for one service. Every line carries the active span's
 * trace_id and span_id, so a log line leads to its trace and back.
 */
export function createLogger(serviceName: string, level: LogLevel = 'info', destination?: DestinationStream): Logger {
  const options = {
      level,
      base: { service: serviceName, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_PATHS], censor: '[REDACTED]' },
      mixin: traceFields,
  } satisfies LoggerOptions;
  // Without a destination pino writes synchronously to stdout, so the last
  // lines before a crash are not lost.
  return destination ? pino(options, destination) : pino(options);
}

function traceFields(): Record<string, string> {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return {
    trace_id: spanContext.traceId,
    span_id: spanContext.spanId,
    trace_flags: `0${spanContext.traceFlags.toString(16)}`.slice(-2),
  };
}
