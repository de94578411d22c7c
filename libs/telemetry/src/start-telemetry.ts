import { loadConfig } from '@homeward/config';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK, type NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import { AlwaysOnSampler, BatchSpanProcessor, SimpleSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { z } from 'zod';
import { FileSpanExporter } from './file-span.exporter';
import { createInstrumentations } from './instrumentations.factory';
import { PrivacySpanProcessor } from './privacy.span-processor';

export type MetricReader = NonNullable<NodeSDKConfiguration['metricReaders']>[number];

export interface TelemetryOptions {
  serviceName: string;
  /** A reader of the service's metrics (tests); without one, OTEL_METRICS_EXPORTER decides. */
  metricReader?: MetricReader;
  env?: NodeJS.ProcessEnv;
}

export interface TelemetryHandle {
  /** Flushes every exporter and stops the SDK. Safe to call more than once. */
  shutdown(): Promise<void>;
}

const optionalUrl = z.union([z.literal(''), z.url()]).optional();
const telemetryEnv = {
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl,
  OTEL_METRICS_EXPORTER: z
    .string()
    .regex(/^(none|otlp|prometheus|console)(,(none|otlp|prometheus|console))*$/, 'expected none, otlp, prometheus or console (comma-separated)')
    .optional()
    .describe('Where metrics go (consumer lag, dead letters): otlp (OTEL_EXPORTER_OTLP_*), prometheus (:9464/metrics, OTEL_EXPORTER_PROMETHEUS_PORT), console; unset or none: nowhere.'),
  HOMEWARD_TRACE_FILE: z.string().optional().describe('Append every finished span as a JSON line to this file (tests).'),
};

let running: TelemetryHandle | undefined;

/**
 * Starts OpenTelemetry for a service. Must run before express, kafkajs or
 * mongoose are first required, because the instrumentations patch modules
 * as they load: call it from the service's `instrumentation.ts` and import
 * that file first in `main.ts`. A second call returns the first handle.
 */
export function startTelemetry(options: TelemetryOptions): TelemetryHandle {
  if (running) return running;
  const env = loadConfig(telemetryEnv, options.env ?? process.env);

  // The privacy processor is always present, so a tracer provider is always
  // registered: trace ids then flow into logs and Kafka headers even when no
  // exporter is configured (NodeSDK registers none without a processor).
  const spanProcessors: SpanProcessor[] = [new PrivacySpanProcessor()];
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
    spanProcessors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter() }));
  }
  if (env.HOMEWARD_TRACE_FILE) {
    spanProcessors.push(new SimpleSpanProcessor({ exporter: new FileSpanExporter(env.HOMEWARD_TRACE_FILE) }));
  }

  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    instrumentations: createInstrumentations(),
    spanProcessors,
    // Every event of a repatriation case must be traceable end to end, and
    // the volume is small; ignore an upstream "not sampled" flag too.
    sampler: new AlwaysOnSampler(),
    // W3C trace context only: baggage is free-form, and a caller's baggage
    // would otherwise be copied into every Kafka message we send.
    textMapPropagator: new W3CTraceContextPropagator(),
    // NodeSDK defaults both to an OTLP exporter on localhost when these are
    // not given, whatever OTEL_EXPORTER_OTLP_ENDPOINT says.
    // …and metrics only where OTEL_METRICS_EXPORTER sends them (NodeSDK reads it when no reader is given).
    ...(options.metricReader
      ? { metricReaders: [options.metricReader] }
      : env.OTEL_METRICS_EXPORTER && env.OTEL_METRICS_EXPORTER !== 'none'
        ? {}
        : { metricReaders: [] }),
    logRecordProcessors: [],
  });
  sdk.start();

  let stopping: Promise<void> | undefined;
  running = {
    shutdown: () => {
      stopping ??= sdk.shutdown().finally(() => {
        running = undefined;
      });
      return stopping;
    },
  };
  return running;
}
