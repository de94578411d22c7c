import { z } from 'zod';
import { CountryCode, IataCode } from '../common';
import type { EventDefinition } from '../define-event';
import { eventCatalog } from '../registry';
import {
  type DataPath,
  isRequired,
  objectPaths,
  pathLabel,
  REMOVE,
  schemaAt,
  valueAt,
  valuePaths,
  withValueAt,
  wrongTypeFor,
} from '../testing/data-paths';
import { exampleData } from '../testing/examples';

const events = eventCatalog.map((def) => [def.type, def as EventDefinition] as const);
const example = (def: EventDefinition): unknown => exampleData[def.type as keyof typeof exampleData];
const accepts = (def: EventDefinition, data: unknown): boolean => def.schema.safeParse(data).success;

// Bad values by kind of field; a field's kind is read from its generated JSON Schema.
const badValues = {
  'country code': {
    matches: (s: JsonSchema) => s.pattern === z.toJSONSchema(CountryCode).pattern,
    values: ['ru', 'RUS', 'R1', '', 'R U'],
  },
  'IATA code': {
    matches: (s: JsonSchema) => s.pattern === z.toJSONSchema(IataCode).pattern,
    values: ['bgw', 'BG', 'BGWX', 'B1W', ''],
  },
  uuid: {
    matches: (s: JsonSchema) => s.format === 'uuid',
    values: ['not-a-uuid', '12345', '00000000000040008000000000000001', '00000000-0000-4000-8000-00000000000g', ''],
  },
  timestamp: {
    matches: (s: JsonSchema) => s.format === 'date-time',
    values: ['2019-07-10', '10 July 2019', '2019-07-10T05:00:00', '2019-13-10T05:00:00Z'],
  },
} as const;
type JsonSchema = z.core.JSONSchema.BaseSchema;

describe.each(events)('%s', (_type, def) => {
  const data = example(def);
  const jsonSchema = z.toJSONSchema(def.schema);
  const fields = valuePaths(data).filter((path) => typeof path.at(-1) === 'string');
  const wronglyAccepted = (cases: [DataPath, unknown][]): string[] =>
    cases
      .filter(([path, value]) => accepts(def, withValueAt(data, path, value)))
      .map(([path, value]) => `${pathLabel(path)} = ${JSON.stringify(value)}`);

  it('accepts the realistic example', () => {
    expect(def.schema.safeParse(data).error?.issues).toBeUndefined();
  });

  it('refuses an unknown field in any object', () => {
    const cases = objectPaths(data).map((path): [DataPath, unknown] => [[...path, 'unexpectedField'], 'x']);
    expect(wronglyAccepted(cases)).toEqual([]);
  });

  it('refuses data without a required field and accepts it without an optional one', () => {
    const required = fields.filter((path) => isRequired(jsonSchema, path));
    expect(required.length).toBeGreaterThan(0);
    expect(wronglyAccepted(required.map((path) => [path, REMOVE]))).toEqual([]);
    const optional = fields.filter((path) => !isRequired(jsonSchema, path));
    expect(optional.filter((path) => !accepts(def, withValueAt(data, path, REMOVE))).map(pathLabel)).toEqual([]);
  });

  it('refuses a value of the wrong type anywhere', () => {
    const cases = valuePaths(data).map((path): [DataPath, unknown] => [path, wrongTypeFor(valueAt(data, path))]);
    expect(wronglyAccepted(cases)).toEqual([]);
  });

  it.each(Object.entries(badValues))('refuses a malformed %s', (_kind, { matches, values }) => {
    const paths = valuePaths(data).filter((path) => matches(schemaAt(jsonSchema, path)));
    const cases = paths.flatMap((path) => values.map((value): [DataPath, unknown] => [path, value]));
    expect(wronglyAccepted(cases)).toEqual([]);
  });
});

// Guard against the kind tests above passing vacuously because no example has such a field.
it.each(Object.entries(badValues))('some event carries a %s', (_kind, { matches }) => {
  const carriers = events.filter(([, def]) => {
    const jsonSchema = z.toJSONSchema(def.schema);
    return valuePaths(example(def)).some((path) => matches(schemaAt(jsonSchema, path)));
  });
  expect(carriers.length).toBeGreaterThan(0);
});
