import type { JsonSchema } from './event-json-schema';

/**
 * What in `current` breaks a reader of `published`, for two JSON Schemas of
 * one event version: a removed field, a field newly required, a changed type
 * (or const, format, pattern), an enum that lost values. An added optional
 * field, a wider enum, changed descriptions are compatible. Each finding names
 * the path, e.g. `$.personal.birthDate: type object → string`.
 */
export function breakingChanges(published: JsonSchema, current: JsonSchema, path = '$'): string[] {
  const found: string[] = [];
  for (const keyword of ['type', 'const', 'format', 'pattern'] as const) {
    const before = JSON.stringify(published[keyword]);
    const after = JSON.stringify(current[keyword]);
    if (before !== after) found.push(`${path}: ${keyword} ${before ?? 'none'} → ${after ?? 'none'}`);
  }
  if (published.enum) {
    const lost = published.enum.filter((value) => !(current.enum ?? []).some((v) => JSON.stringify(v) === JSON.stringify(value)));
    if (lost.length > 0) found.push(`${path}: enum lost ${lost.map((v) => JSON.stringify(v)).join(', ')}`);
  }

  const before = published.properties ?? {};
  const after = current.properties ?? {};
  for (const [name, schema] of Object.entries(before)) {
    const next = after[name];
    if (next === undefined) found.push(`${path}.${name}: removed`);
    else if (typeof schema === 'object' && typeof next === 'object') found.push(...breakingChanges(schema, next, `${path}.${name}`));
  }
  const wasRequired = new Set(published.required ?? []);
  for (const name of current.required ?? []) {
    if (!wasRequired.has(name)) found.push(`${path}.${name}: newly required`);
  }

  if (isSchema(published.items) && isSchema(current.items)) found.push(...breakingChanges(published.items, current.items, `${path}[]`));
  for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
    const was = published[keyword] ?? [];
    const now = current[keyword] ?? [];
    if (was.length !== now.length) found.push(`${path}: ${keyword} has ${was.length} → ${now.length} alternatives`);
    was.forEach((schema, i) => {
      const next = now[i];
      if (isSchema(schema) && isSchema(next)) found.push(...breakingChanges(schema, next, `${path}<${keyword}${i}>`));
    });
  }
  return found;
}

const isSchema = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);
