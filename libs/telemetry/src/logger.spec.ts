import { trace } from '@opentelemetry/api';
import { createLogger } from './logger';
import { captureLogLines } from './test-support/log-capture';
import { registerTestTracing, type TestTracing } from './test-support/test-tracing';

describe('createLogger', () => {
  let tracing: TestTracing;
  beforeAll(() => {
    tracing = registerTestTracing();
  });
  afterAll(() => tracing.reset());

  it('redacts personal fields wherever a log call nests them', () => {
    const { stream, lines } = captureLogLines();
    const logger = createLogger('intake', 'info', stream);
    logger.info(
      {
        caseId: 'case-42',
        email: 'top@example.org',
        event: {
          type: 'case.registered.v1',
          personal: { names: [{ script: 'Latn', value: 'Amina' }] },
          data: { child: { dateOfBirth: '2014-03-01', placeOfBirth: 'Mosul' }, guardians: [{ email: 'g@example.org' }] },
        },
        req: { headers: { authorization: 'Bearer secret-token', accept: 'application/json' }, body: { names: 'Amina' } },
      },
      'case registered',
    );

    const [line] = lines;
    expect(line).toMatchObject({
      level: 'info',
      service: 'intake',
      msg: 'case registered',
      caseId: 'case-42',
      email: '[REDACTED]',
      event: {
        type: 'case.registered.v1',
        personal: '[REDACTED]',
        data: { child: { dateOfBirth: '[REDACTED]', placeOfBirth: '[REDACTED]' }, guardians: '[REDACTED]' },
      },
      req: { headers: { authorization: '[REDACTED]', accept: 'application/json' }, body: '[REDACTED]' },
    });
    const text = JSON.stringify(line);
    for (const secret of ['Amina', 'example.org', '2014-03-01', 'Mosul', 'secret-token']) expect(text).not.toContain(secret);
  });

  it('mixes in the active trace_id and span_id, and nothing outside a span', () => {
    const { stream, lines } = captureLogLines();
    const logger = createLogger('legal', 'debug', stream);
    trace.getTracer('spec').startActiveSpan('consume', (span) => {
      logger.debug('inside');
      span.end();
    });
    logger.info('outside');

    const { traceId, spanId } = tracing.exporter.getFinishedSpans()[0]!.spanContext();
    expect(lines[0]).toMatchObject({ msg: 'inside', trace_id: traceId, span_id: spanId, trace_flags: '01' });
    expect(lines[1]).not.toHaveProperty('trace_id');
  });

  it('honours the level', () => {
    const { stream, lines } = captureLogLines();
    createLogger('dashboard', 'warn', stream).info('dropped');
    expect(lines).toEqual([]);
  });
});
