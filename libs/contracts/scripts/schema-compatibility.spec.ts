import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseRegisteredV1, CaseRegisteredV2 } from '../src/events/case-registered.event';
import { eventCatalog } from '../src/registry';
import { GENERATED_DIR } from './build-documents';
import { eventJsonSchema, type JsonSchema } from './event-json-schema';
import { breakingChanges } from './schema-compatibility';

const committed = (type: string): JsonSchema | undefined => {
  const file = join(__dirname, '..', GENERATED_DIR, 'json-schema', `${type}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as JsonSchema) : undefined;
};

describe('published event schemas', () => {
  // A type with no committed schema is new: nothing published to break yet.
  const published = eventCatalog.filter((def) => committed(def.type) !== undefined);

  it.each(published.map((def) => [def.type, def] as const))('%s stays compatible with its committed JSON Schema (else publish a new version)', (_type, def) => {
    expect(breakingChanges(committed(def.type)!, eventJsonSchema(def))).toEqual([]);
  });

  it('checks every committed event schema, not none', () => {
    expect(published.length).toBeGreaterThan(20);
  });

  it('sees that case.registered.v2 could not have been a change of v1', () => {
    const found = breakingChanges(eventJsonSchema(CaseRegisteredV1), eventJsonSchema(CaseRegisteredV2));
    expect(found).toEqual(
      expect.arrayContaining([
        '$.personal.birthDate: type "object" → "string"',
        '$.personal.birthDate.value: removed',
        '$.personal.birthDate.precision: removed',
        '$.personal.birthDatePrecision: newly required',
      ]),
    );
  });
});

describe('breakingChanges', () => {
  const base: JsonSchema = {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      sex: { type: 'string', enum: ['female', 'male', 'unknown'] },
      note: { type: 'string' },
      items: { type: 'array', items: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] } },
    },
    required: ['id', 'sex', 'items'],
    additionalProperties: false,
  };
  const change = (edit: (s: JsonSchema) => void): JsonSchema => {
    const copy = structuredClone(base);
    edit(copy);
    return copy;
  };

  it.each([
    ['a removed field', change((s) => delete s.properties!['note']), ['$.note: removed']],
    ['a new required field', change((s) => { s.properties!['age'] = { type: 'number' }; s.required!.push('age'); }), ['$.age: newly required']],
    ['an optional field made required', change((s) => s.required!.push('note')), ['$.note: newly required']],
    ['a changed type', change((s) => (s.properties!['note'] = { type: 'number' })), ['$.note: type "string" → "number"']],
    ['a changed format', change((s) => (s.properties!['id'] = { type: 'string', format: 'email' })), ['$.id: format "uuid" → "email"']],
    ['a narrowed enum', change((s) => (s.properties!['sex'] = { type: 'string', enum: ['female', 'male'] })), ['$.sex: enum lost "unknown"']],
    ['a change inside array items', change((s) => ((s.properties!['items'] as JsonSchema).items = { type: 'object', properties: { n: { type: 'string' } }, required: ['n'] })), ['$.items[].n: type "number" → "string"']],
  ])('finds %s breaking', (_what, current, expected) => {
    expect(breakingChanges(base, current)).toEqual(expected);
  });

  it.each([
    ['an added optional field', change((s) => (s.properties!['extra'] = { type: 'string' }))],
    ['a widened enum', change((s) => (s.properties!['sex'] = { type: 'string', enum: ['female', 'male', 'unknown', 'other'] }))],
    ['a required field made optional', change((s) => (s.required = ['id', 'sex']))],
    ['a new description', change((s) => (s.description = 'now described'))],
  ])('accepts %s as compatible', (_what, current) => {
    expect(breakingChanges(base, current)).toEqual([]);
  });
});
