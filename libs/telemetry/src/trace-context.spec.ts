import { ROOT_CONTEXT, context, trace } from '@opentelemetry/api';
import { captureTraceContext, runInTraceContext } from './trace-context';
import { registerTestTracing, type TestTracing } from './test-support/test-tracing';

describe('trace context helpers (outbox pattern)', () => {
  let tracing: TestTracing;
  const tracer = () => trace.getTracer('spec');
  beforeAll(() => {
    tracing = registerTestTracing();
  });
  afterAll(() => tracing.reset());

  it('captures the active span as a W3C traceparent in a plain object', () => {
    const carrier = tracer().startActiveSpan('POST /cases', (span) => {
      span.end();
      return captureTraceContext();
    });
    const { traceId, spanId } = tracing.exporter.getFinishedSpans().at(-1)!.spanContext();
    expect(carrier).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });
    expect(JSON.parse(JSON.stringify(carrier))).toEqual(carrier);
  });

  it('captures nothing outside a span', () => {
    expect(context.with(ROOT_CONTEXT, captureTraceContext)).toEqual({});
  });

  it('continues the request trace in a relay, not the relay poll trace, across awaits', async () => {
    const request = tracer().startSpan('POST /cases');
    const stored = context.with(trace.setSpan(ROOT_CONTEXT, request), captureTraceContext);
    request.end();

    const publish = await tracer().startActiveSpan('relay poll', async (poll) => {
      const published = await runInTraceContext(stored, async () => {
        await new Promise((resolve) => setImmediate(resolve));
        const span = tracer().startSpan('send homeward.intake.v1');
        span.end();
        return span;
      });
      poll.end();
      return published;
    });

    expect(publish.spanContext().traceId).toBe(request.spanContext().traceId);
    const exported = tracing.exporter.getFinishedSpans().find((s) => s.name === 'send homeward.intake.v1')!;
    expect(exported.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(exported.parentSpanContext?.isRemote).toBe(true);
  });

  it('reads kafkajs headers whose values are Buffers', () => {
    const parent = tracer().startSpan('send');
    const headers = context.with(trace.setSpan(ROOT_CONTEXT, parent), captureTraceContext);
    const kafkaHeaders = { traceparent: Buffer.from(headers.traceparent!), other: undefined };
    const child = runInTraceContext(kafkaHeaders, () => trace.getActiveSpan()?.spanContext());
    expect(child).toMatchObject({ traceId: parent.spanContext().traceId, spanId: parent.spanContext().spanId });
    parent.end();
  });

  it('starts a new trace when the event has no stored context', () => {
    const relay = tracer().startSpan('relay poll');
    const inner = context.with(trace.setSpan(ROOT_CONTEXT, relay), () =>
      runInTraceContext(undefined, () => {
        const span = tracer().startSpan('send');
        span.end();
        return span.spanContext().traceId;
      }),
    );
    expect(inner).not.toBe(relay.spanContext().traceId);
    relay.end();
  });
});
