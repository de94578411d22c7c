import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resources } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace';

export interface TestTracing {
  provider: TracerProvider;
  exporter: InMemorySpanExporter;
  /** Unregisters the globals so the next test file starts clean. */
  reset(): Promise<void>;
}

/**
 * Registers a real tracer provider, async context manager and W3C propagator
 * with the OpenTelemetry API, as the NodeSDK would, but without instrumenting
 * modules (jest's module loader bypasses require hooks anyway).
 */
export function registerTestTracing(extraProcessors: SpanProcessor[] = []): TestTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resources.resourceFromAttributes({ 'service.name': 'telemetry-test' }),
    spanProcessors: [...extraProcessors, new SimpleSpanProcessor({ exporter })],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    provider,
    exporter,
    reset: async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
