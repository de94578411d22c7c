import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { toSpanRecord } from './span-record';

/**
 * Appends every finished span as one JSON line to a file, for end-to-end
 * tests that follow one trace id across services without a collector.
 *
 * Writes are synchronous on purpose: paired with a SimpleSpanProcessor the
 * line is on disk when `span.end()` returns, so a process that exits or is
 * killed right after its last span loses nothing. That costs a syscall per
 * span, which is why this exporter is for tests and local runs, not for the
 * throughput benchmark. The file is opened in append mode so several services
 * may share one file: each line is a single write(2) under O_APPEND.
 */
export class FileSpanExporter implements SpanExporter {
  readonly path: string;
  private fd: number | undefined;

  constructor(path: string) {
    this.path = resolve(path);
    mkdirSync(dirname(this.path), { recursive: true });
    this.fd = openSync(this.path, 'a');
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.fd === undefined) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('FileSpanExporter is shut down') });
      return;
    }
    try {
      const lines = spans.map((span) => `${JSON.stringify(toSpanRecord(span))}\n`).join('');
      writeSync(this.fd, lines);
      resultCallback({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }

  async forceFlush(): Promise<void> {
    // Nothing buffered: every export is written before it reports success.
  }

  async shutdown(): Promise<void> {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}
