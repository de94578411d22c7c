import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { MongooseInstrumentation } from '@opentelemetry/instrumentation-mongoose';

/**
 * The instrumentations every service gets, configured so that no personal
 * data reaches a span attribute:
 * - http: no headers captured (none listed); query strings are overwritten by
 *   the PrivacySpanProcessor.
 * - kafkajs: injects `traceparent`/`tracestate` into message headers on send
 *   and makes each `eachMessage` span a child of the producer span. Only the
 *   topic, partition, offset and key (a case or movement id) are recorded,
 *   never the value. `eachBatch` does NOT continue the trace (it only links),
 *   so batch consumers must wrap each message in runInTraceContext.
 * - mongoose: no `dbStatementSerializer`, so no statement is recorded (the
 *   documents hold encrypted personal fields and key material).
 */
export function createInstrumentations() {
  return [
    new HttpInstrumentation(),
    // Middleware layers (body parser, helmet, logger) would add a span each to
    // every request without telling anything about the request.
    new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
    // requireParentSpan: an outbox relay polls MongoDB every few hundred ms;
    // without a parent each poll would be a one-span trace of noise.
    new MongooseInstrumentation({ requireParentSpan: true }),
    new KafkaJsInstrumentation(),
  ];
}
