import { eventCatalog } from '../src/registry';
import { ENVELOPE_SCHEMA_ID, envelopeJsonSchema, eventJsonSchema, type JsonSchema } from './event-json-schema';

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/** Paths of every property, at any depth, whose schema has no description. */
function undescribedProperties(schema: JsonSchema, path = '$'): string[] {
  const found: string[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (typeof property === 'boolean') continue;
    if (!property.description) found.push(`${path}.${name}`);
    found.push(...undescribedProperties(property, `${path}.${name}`));
  }
  const { items, prefixItems = [], anyOf = [], oneOf = [], allOf = [] } = schema;
  for (const child of [items, ...prefixItems, ...anyOf, ...oneOf, ...allOf]) {
    if (child && typeof child === 'object' && !Array.isArray(child)) {
      found.push(...undescribedProperties(child, `${path}[]`));
    }
  }
  return found;
}

describe.each(eventCatalog.map((def) => [def.type, def] as const))('JSON Schema of %s', (type, def) => {
  const schema = eventJsonSchema(def);

  it('is draft 2020-12, identified by the event dataschema and titled by the type', () => {
    expect(schema).toMatchObject({ $schema: DRAFT_2020_12, $id: def.dataschema, title: type, description: def.summary });
  });

  it('describes every field', () => {
    expect(undescribedProperties(schema)).toEqual([]);
  });

  it('closes every object to unknown fields', () => {
    expect(JSON.stringify(schema)).not.toMatch(/"additionalProperties":(true|\{)/);
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('JSON Schema of the envelope', () => {
  const schema = envelopeJsonSchema();

  it('is draft 2020-12 and describes every attribute', () => {
    expect(schema).toMatchObject({ $schema: DRAFT_2020_12, $id: ENVELOPE_SCHEMA_ID });
    expect(undescribedProperties(schema)).toEqual([]);
  });

  it('finds an undescribed field, nested or in an array', () => {
    const bare: JsonSchema = { properties: { a: { description: 'x', items: { properties: { b: {} } } } } };
    expect(undescribedProperties(bare)).toEqual(['$.a[].b']);
  });
});
