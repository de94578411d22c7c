import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { hrTimeToMilliseconds, hrTimeToTimeStamp } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';

/**
 * One finished span as a JSON line of a trace file. Flat and self-contained
 * (service name copied from the resource) so a test can read files written by
 * several services and rebuild whole traces without an OTLP decoder.
 */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  /** null for a root span. */
  parentSpanId: string | null;
  name: string;
  kind: keyof typeof SpanKind;
  service: string;
  /** Instrumentation that made the span, e.g. `@opentelemetry/instrumentation-kafkajs`. */
  scope: string;
  /** RFC 3339 with nanoseconds: sorts as a string. */
  startTime: string;
  endTime: string;
  durationMs: number;
  attributes: Attributes;
  status: { code: keyof typeof SpanStatusCode; message?: string };
  /** Batch consumers link to the producer span instead of parenting on it. */
  links: { traceId: string; spanId: string }[];
}

export function toSpanRecord(span: ReadableSpan): SpanRecord {
  const { traceId, spanId } = span.spanContext();
  return {
    traceId,
    spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? null,
    name: span.name,
    kind: SpanKind[span.kind] as keyof typeof SpanKind,
    service: String(span.resource.attributes['service.name'] ?? 'unknown'),
    scope: span.instrumentationScope.name,
    startTime: hrTimeToTimeStamp(span.startTime),
    endTime: hrTimeToTimeStamp(span.endTime),
    durationMs: hrTimeToMilliseconds(span.duration),
    attributes: span.attributes,
    status: {
      code: SpanStatusCode[span.status.code] as keyof typeof SpanStatusCode,
      ...(span.status.message ? { message: span.status.message } : {}),
    },
    links: span.links.map((link) => ({ traceId: link.context.traceId, spanId: link.context.spanId })),
  };
}
