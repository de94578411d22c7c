import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { expectEventually, testServers, uniqueName } from '@homeward/testing';
import type { SpanRecord } from './span-record';
import { readSpanRecords } from './trace-file.reader';

const workspaceRoot = resolve(__dirname, '../../..');
const fixture = join(__dirname, 'test-support/kafka-trace/kafka-trace.fixture.ts');

/**
 * Real instrumentation needs require hooks, which jest's module loader
 * bypasses, so the scenario runs in a child process under tsx against the
 * real Kafka; this test only reads the spans and logs it leaves behind.
 */
describe('telemetry across HTTP, Kafka and an outbox relay (real Kafka)', () => {
  const traceFile = join(mkdtempSync(join(tmpdir(), 'homeward-telemetry-it-')), 'spans.jsonl');
  const topic = uniqueName('telemetry-it');
  let run: ChildRun;
  let spans: SpanRecord[];

  beforeAll(async () => {
    run = await runChild(fixture, {
      HOMEWARD_TRACE_FILE: traceFile,
      FIXTURE_TOPIC: topic,
      FIXTURE_GROUP: uniqueName('telemetry-it'),
      FIXTURE_DATABASE: uniqueName('telemetry_it').replaceAll('-', '_'),
      KAFKA_BROKERS: testServers.kafkaBrokers.join(','),
      MONGO_URL: testServers.mongoUrl,
      OTEL_EXPORTER_OTLP_ENDPOINT: '',
    });
    spans = await expectEventually(async () => {
      const found = await readSpanRecords(traceFile);
      expect(found.filter((s) => s.kind === 'CONSUMER')).toHaveLength(2);
      return found;
    });
  });

  it('the fixture finishes cleanly', () => {
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
  });

  it('puts the HTTP server span, both producer spans and both consumer spans in one trace', () => {
    const server = only(spans, (s) => s.kind === 'SERVER' && s.scope === '@opentelemetry/instrumentation-http');
    const producers = spans.filter((s) => s.kind === 'PRODUCER' && s.name === `send ${topic}`);
    const consumers = spans.filter((s) => s.kind === 'CONSUMER' && s.name === `process ${topic}`);
    expect(producers).toHaveLength(2);
    expect(consumers).toHaveLength(2);
    for (const span of [...producers, ...consumers]) expect(span.traceId).toBe(server.traceId);
    expect(server.parentSpanId).toBeNull();
  });

  it('chains every consumer span to a producer span and every producer span to the request', () => {
    const server = only(spans, (s) => s.kind === 'SERVER');
    const relay = only(spans, (s) => s.name === 'outbox relay poll');
    const producerIds = spans.filter((s) => s.kind === 'PRODUCER').map((s) => s.spanId);
    for (const consumer of spans.filter((s) => s.kind === 'CONSUMER')) {
      expect(producerIds).toContain(consumer.parentSpanId);
      const chain = ancestors(spans, consumer).map((s) => s.spanId);
      expect(chain).toContain(server.spanId);
      // The relayed message continues the request, not the relay's own trace.
      expect(chain).not.toContain(relay.spanId);
    }
    expect(relay.traceId).not.toBe(server.traceId);
  });

  it('runs the handler inside the consumer span, and its log lines carry the trace id', () => {
    const consumerIds = spans.filter((s) => s.kind === 'CONSUMER').map((s) => s.spanId);
    const handlers = spans.filter((s) => s.name === 'handle message');
    expect(handlers.map((s) => s.parentSpanId).sort()).toEqual([...consumerIds].sort());

    const server = only(spans, (s) => s.kind === 'SERVER');
    const logs = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const consumed = logs.filter((l) => l.msg === 'consumed');
    expect(consumed.map((l) => l.span_id).sort()).toEqual(handlers.map((s) => s.spanId).sort());
    expect(consumed.every((l) => l.trace_id === server.traceId)).toBe(true);
    expect(logs.find((l) => l.msg === 'request completed')).toMatchObject({
      trace_id: server.traceId,
      req: { method: 'POST', path: '/cases/case-1' },
      res: { statusCode: 202 },
    });
  });

  it('traces the mongoose write inside the handler, without the document', () => {
    const handlerIds = spans.filter((s) => s.name === 'handle message').map((s) => s.spanId);
    const writes = spans.filter((s) => s.scope === '@opentelemetry/instrumentation-mongoose');
    expect(writes.map((s) => s.parentSpanId).sort()).toEqual([...handlerIds].sort());
    for (const write of writes) {
      expect(write.attributes).toMatchObject({ 'db.collection.name': 'receiveds' });
      expect(write.attributes).not.toHaveProperty('db.query.text');
      expect(write.attributes).not.toHaveProperty('db.statement');
    }
  });

  it('keeps personal data out of spans and logs', () => {
    const server = only(spans, (s) => s.kind === 'SERVER');
    expect(server.attributes).toMatchObject({ 'url.path': '/cases/case-1', 'url.query': '[REDACTED]' });
    expect(readFileSync(traceFile, 'utf8')).not.toMatch(/Amina/);
    expect(run.stdout).not.toMatch(/Amina/);
  });
});

interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runChild(script: string, env: Record<string, string>, timeoutMs = 90_000): Promise<ChildRun> {
  return new Promise((resolveRun, reject) => {
    const child = spawn('npx', ['tsx', script], {
      cwd: workspaceRoot,
      // The same Node as jest (24), whatever `node` is first on PATH.
      env: { ...process.env, ...env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fixture did not exit within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
  });
}

function only(spans: SpanRecord[], predicate: (span: SpanRecord) => boolean): SpanRecord {
  const found = spans.filter(predicate);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function ancestors(spans: SpanRecord[], span: SpanRecord): SpanRecord[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const chain: SpanRecord[] = [];
  for (let parent = byId.get(span.parentSpanId ?? ''); parent; parent = byId.get(parent.parentSpanId ?? '')) {
    chain.push(parent);
  }
  return chain;
}
