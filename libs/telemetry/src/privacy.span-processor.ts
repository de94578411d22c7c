import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';

export const REDACTED = '[REDACTED]';

// Attribute keys written by the http, express and mongoose instrumentations,
// stable and legacy semconv (OTEL_SEMCONV_STABILITY_OPT_IN may switch between them).
const QUERY_STRING_KEYS = ['url.query'];
const URL_KEYS = ['url.full', 'http.url', 'http.target'];
const STATEMENT_KEYS = ['db.query.text', 'db.statement'];

/**
 * Last line of defence against personal data in spans. Query strings carry
 * names in searches, and database statements carry the documents themselves;
 * the instrumentations only redact a fixed list of signature parameters
 * (instrumentation-http's DEFAULT_QUERY_STRINGS_TO_REDACT), so every query
 * string and statement is overwritten here, whatever later configuration
 * turns on. Runs in `onEnding`, the last moment a span is still writable and
 * before any exporter sees it.
 */
export class PrivacySpanProcessor implements SpanProcessor {
  onStart(): void {}

  onEnding(span: Span): void {
    const attributes = span.attributes;
    for (const key of QUERY_STRING_KEYS) {
      if (attributes[key] !== undefined) span.setAttribute(key, REDACTED);
    }
    for (const key of URL_KEYS) {
      const value = attributes[key];
      if (typeof value === 'string' && /[?#]/.test(value)) span.setAttribute(key, stripQuery(value));
    }
    for (const key of STATEMENT_KEYS) {
      if (attributes[key] !== undefined) span.setAttribute(key, REDACTED);
    }
  }

  onEnd(_span: ReadableSpan): void {}

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}

function stripQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return `${url.slice(0, cut)}?${REDACTED}`;
}
