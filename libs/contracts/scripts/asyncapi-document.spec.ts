import { type AsyncAPIDocumentInterface, DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { eventCatalog } from '../src/registry';
import { Topic } from '../src/topics';
import { buildAsyncApiDocument } from './asyncapi-document';

// The parser loads Spectral and its rulesets on first use, which takes a few seconds.
jest.setTimeout(30_000);

const expectedHeaders = [
  'ce_specversion',
  'ce_id',
  'ce_source',
  'ce_type',
  'ce_subject',
  'ce_time',
  'ce_dataschema',
  'ce_correlationid',
  'ce_causationid',
  'content-type',
  'traceparent',
  'tracestate',
];
const parser = new Parser();
const document = JSON.stringify(buildAsyncApiDocument());

it('the AsyncAPI document passes the AsyncAPI parser with no error or warning', async () => {
  const diagnostics = await parser.validate(document);
  const problems = diagnostics
    .filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning)
    .map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`);
  expect(problems).toEqual([]);
});

describe('AsyncAPI document as parsed', () => {
  let parsed: AsyncAPIDocumentInterface;
  beforeAll(async () => {
    const output = await parser.parse(document);
    if (!output.document) throw new Error('the parser refused the document; the validation test lists why');
    parsed = output.document;
  });

  it('has one channel per topic in use, carrying exactly the event types published on it', () => {
    const byAddress = Object.fromEntries(
      parsed.channels().all().map((channel) => [channel.address(), channel.messages().all().map((m) => m.name()).sort()]),
    );
    const expected: Record<string, string[]> = {};
    for (const def of eventCatalog) (expected[def.topic] ??= []).push(def.type);
    for (const types of Object.values(expected)) types.sort();
    expect(byAddress).toEqual(expected);
    expect(Object.keys(byAddress).every((address) => Object.values<string>(Topic).includes(address))).toBe(true);
  });

  it('sends every channel from exactly one operation', () => {
    const operations = parsed.operations().all();
    expect(operations.every((op) => op.action() === 'send')).toBe(true);
    expect(operations.map((op) => op.channels().all()[0]?.address()).sort()).toEqual(
      [...new Set(eventCatalog.map((def) => def.topic))].sort(),
    );
  });

  it('gives every message the CloudEvents headers and a Kafka key', () => {
    for (const message of parsed.messages().all()) {
      const headers = message.headers()?.properties() ?? {};
      expect(Object.keys(headers)).toEqual(expectedHeaders);
      expect(headers['ce_type']?.const()).toBe(message.name());
      expect(message.bindings().get('kafka')?.value()).toHaveProperty('key.type', 'string');
    }
  });
});
