import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ConflictError } from '@homeward/errors';
import { registerTestTracing, type TestTracing } from './test-support/test-tracing';
import { withSpan } from './with-span';

describe('withSpan', () => {
  let tracing: TestTracing;
  beforeAll(() => {
    tracing = registerTestTracing();
  });
  afterAll(() => tracing.reset());
  beforeEach(() => tracing.exporter.reset());

  it('runs fn in an active span of the given kind and ends it', async () => {
    const result = await withSpan('smtp send', { kind: SpanKind.CLIENT, attributes: { 'email.milestone': 'cleared' } }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return trace.getActiveSpan()?.spanContext().spanId;
    });
    const [span] = tracing.exporter.getFinishedSpans();
    expect(result).toBe(span!.spanContext().spanId);
    expect(span).toMatchObject({ name: 'smtp send', kind: SpanKind.CLIENT, attributes: { 'email.milestone': 'cleared' } });
    expect(span!.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('marks the span ERROR and withholds a third-party message, which may quote personal data', async () => {
    const smtpError = Object.assign(new Error('550 5.1.1 <amina.guardian@example.org>: Recipient rejected'), { code: 'EENVELOPE' });
    await expect(withSpan('smtp send', {}, () => Promise.reject(smtpError))).rejects.toBe(smtpError);
    const [span] = tracing.exporter.getFinishedSpans();
    expect(span!.status.code).toBe(SpanStatusCode.ERROR);
    expect(span!.events[0]!.name).toBe('exception');
    expect(span!.events[0]!.attributes).toMatchObject({ 'exception.type': 'EENVELOPE' });
    expect(JSON.stringify([span!.status, span!.events])).not.toContain('amina');
  });

  it('keeps the message of our own errors, which are written to be safe', async () => {
    await expect(withSpan('assign', {}, () => { throw new ConflictError('case is on hold'); })).rejects.toThrow('case is on hold');
    const [span] = tracing.exporter.getFinishedSpans();
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'case is on hold' });
  });
});
