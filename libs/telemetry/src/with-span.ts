import { SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import { HomewardError } from '@homeward/errors';

export interface WithSpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
}

/**
 * Runs `fn` in a new active span (e.g. the SMTP send) and ends it however
 * `fn` finishes. A failure marks the span ERROR and records the exception.
 */
export async function withSpan<T>(
  name: string,
  options: WithSpanOptions,
  fn: (span: Span) => T | Promise<T>,
): Promise<T> {
  // Looked up per call, not at import: the module may load before the SDK
  // registers its provider (cheap: the provider caches tracers by name).
  const tracer = trace.getTracer('@homeward/telemetry');
  return tracer.startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      const exception = safeException(error);
      span.recordException(exception);
      span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * Third-party error messages quote their input: an SMTP 550 names the
 * recipient's address, a duplicate-key error the key. Only our own errors,
 * whose messages are written to be safe, keep their message; others keep
 * their name and code. The stack is dropped: its first line is the message.
 */
function safeException(error: unknown): { name: string; code?: string | number; message: string } {
  if (error instanceof HomewardError) return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
      message: `${error.name} (message withheld: may contain personal data)`,
    };
  }
  return { name: 'NonError', message: 'non-Error thrown (withheld)' };
}
