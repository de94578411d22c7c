import { trace } from '@opentelemetry/api';
import { PrivacySpanProcessor, REDACTED } from './privacy.span-processor';
import { registerTestTracing, type TestTracing } from './test-support/test-tracing';

describe('PrivacySpanProcessor', () => {
  let tracing: TestTracing;
  beforeAll(() => {
    tracing = registerTestTracing([new PrivacySpanProcessor()]);
  });
  afterAll(() => tracing.reset());

  it('overwrites query strings and statements before any exporter sees them', () => {
    const span = trace.getTracer('spec').startSpan('GET /cases', {
      attributes: {
        'url.path': '/cases',
        'url.query': 'name=Amina&dob=2014-03-01',
        'url.full': 'http://127.0.0.1:3001/cases?name=Amina#top',
        'http.target': '/cases?name=Amina',
      },
    });
    // Set late, as the mongoose instrumentation would with a serializer.
    span.setAttribute('db.query.text', '{"names.latin":"Amina"}');
    span.end();

    const [exported] = tracing.exporter.getFinishedSpans();
    expect(exported!.attributes).toEqual({
      'url.path': '/cases',
      'url.query': REDACTED,
      'url.full': `http://127.0.0.1:3001/cases?${REDACTED}`,
      'http.target': `/cases?${REDACTED}`,
      'db.query.text': REDACTED,
    });
  });

  it('leaves URLs without a query alone', () => {
    tracing.exporter.reset();
    trace.getTracer('spec').startSpan('GET', { attributes: { 'url.full': 'http://host/cases/42' } }).end();
    expect(tracing.exporter.getFinishedSpans()[0]!.attributes['url.full']).toBe('http://host/cases/42');
  });
});
