import { mkdtempSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { resources } from '@opentelemetry/sdk-node';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { FileSpanExporter } from './file-span.exporter';
import { readSpanRecords } from './trace-file.reader';

function setup() {
  const file = join(mkdtempSync(join(tmpdir(), 'homeward-trace-')), 'nested', 'spans.jsonl');
  const exporter = new FileSpanExporter(file);
  const provider = new TracerProvider({
    resource: resources.resourceFromAttributes({ 'service.name': 'intake' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  return { file, exporter, provider, tracer: provider.getTracer('spec') };
}

describe('FileSpanExporter', () => {
  it('writes each finished span as one JSON line the moment it ends', async () => {
    const { file, provider, tracer } = setup();
    const parent = tracer.startSpan('POST /cases', { kind: SpanKind.SERVER, attributes: { 'http.route': '/cases' } });
    const child = tracer.startSpan(
      'send homeward.intake.v1',
      { kind: SpanKind.PRODUCER, links: [{ context: parent.spanContext() }] },
      trace.setSpan(context.active(), parent),
    );
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'broker down' });
    child.end();

    // Synchronous write: on disk before any flush.
    const [written] = await readSpanRecords(file);
    expect(written).toMatchObject({
      traceId: parent.spanContext().traceId,
      spanId: child.spanContext().spanId,
      parentSpanId: parent.spanContext().spanId,
      name: 'send homeward.intake.v1',
      kind: 'PRODUCER',
      service: 'intake',
      scope: 'spec',
      status: { code: 'ERROR', message: 'broker down' },
      links: [{ traceId: parent.spanContext().traceId, spanId: parent.spanContext().spanId }],
    });
    expect(written!.startTime <= written!.endTime).toBe(true);
    expect(written!.durationMs).toBeGreaterThanOrEqual(0);

    parent.end();
    await provider.shutdown();
    const records = await readSpanRecords(file);
    expect(records.map((r) => [r.name, r.kind, r.parentSpanId, r.status.code])).toEqual([
      ['send homeward.intake.v1', 'PRODUCER', parent.spanContext().spanId, 'ERROR'],
      ['POST /cases', 'SERVER', null, 'UNSET'],
    ]);
    expect(records[1]!.attributes).toEqual({ 'http.route': '/cases' });
  });

  it('appends to an existing file shared with other processes', async () => {
    const first = setup();
    first.tracer.startSpan('first').end();
    await first.provider.shutdown();
    const second = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: new FileSpanExporter(first.file) })] });
    second.getTracer('spec').startSpan('second').end();
    await second.shutdown();
    expect((await readSpanRecords(first.file)).map((r) => r.name)).toEqual(['first', 'second']);
  });

  it('reports failure after shutdown instead of throwing', async () => {
    const { exporter } = setup();
    await exporter.shutdown();
    const result = await new Promise((resolve) => exporter.export([], resolve));
    expect(result).toMatchObject({ code: ExportResultCode.FAILED });
  });
});

describe('readSpanRecords', () => {
  it('reads a missing file as no spans and skips a half-written last line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'homeward-trace-')), 'spans.jsonl');
    expect(await readSpanRecords(file)).toEqual([]);
    appendFileSync(file, '{"name":"complete"}\n{"name":"half');
    expect(await readSpanRecords(file)).toEqual([{ name: 'complete' }]);
  });
});
