import { ROOT_CONTEXT, context, propagation, type TextMapGetter } from '@opentelemetry/api';

/** W3C trace context (`traceparent`, `tracestate`) as plain strings, storable in MongoDB. */
export type TraceCarrier = Record<string, string>;

/** What a carrier may arrive as: a stored TraceCarrier or raw kafkajs headers (Buffers). */
export type TraceCarrierInput = Readonly<
  Record<string, string | Buffer | ReadonlyArray<string | Buffer> | null | undefined>
>;

/**
 * The active trace context as a plain object. Outbox writers store it beside
 * the pending event so the relay can later publish inside the request's trace.
 */
export function captureTraceContext(): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/**
 * Runs `fn` inside the trace context of `carrier`. Extracts into the ROOT
 * context, not the active one: a relay polling under its own span must not
 * adopt the event as its child, and an event without a carrier should start
 * a fresh trace rather than join the relay's.
 */
export function runInTraceContext<T>(carrier: TraceCarrierInput | null | undefined, fn: () => T): T {
  const extracted = propagation.extract(ROOT_CONTEXT, carrier ?? {}, carrierGetter);
  return context.with(extracted, fn);
}

// kafkajs delivers header values as Buffers (and arrays for repeated keys);
// the default getter only understands strings.
const carrierGetter: TextMapGetter<TraceCarrierInput> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    if (value === null || value === undefined) return undefined;
    if (Array.isArray(value)) return value.map(String);
    return String(value);
  },
};
