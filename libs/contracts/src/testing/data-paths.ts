import type { z } from 'zod';

/** Where a value sits inside an event's data: object keys and array indexes. */
export type DataPath = readonly (string | number)[];
type JsonSchema = z.core.JSONSchema.BaseSchema;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const pathLabel = (path: DataPath): string =>
  path.reduce<string>((label, step) => (typeof step === 'number' ? `${label}[${step}]` : `${label}.${step}`), '$');

/** Every path in `data` that holds a value, depth first, root excluded. */
export function valuePaths(data: unknown, prefix: DataPath = []): DataPath[] {
  const entries: [string | number, unknown][] = Array.isArray(data)
    ? data.map((item, index) => [index, item])
    : isRecord(data)
      ? Object.entries(data)
      : [];
  return entries.flatMap(([step, value]) => [[...prefix, step], ...valuePaths(value, [...prefix, step])]);
}

/** Paths of every object in `data`, root included: the places an unknown field could be smuggled in. */
export function objectPaths(data: unknown): DataPath[] {
  return [[], ...valuePaths(data)].filter((path) => isRecord(valueAt(data, path)));
}

export function valueAt(data: unknown, path: DataPath): unknown {
  return path.reduce<unknown>((node, step) => (node as Record<string | number, unknown> | undefined)?.[step], data);
}

export const REMOVE = Symbol('remove');

/** A copy of `data` with the value at `path` replaced, or deleted when `value` is REMOVE. */
export function withValueAt(data: unknown, path: DataPath, value: unknown): unknown {
  const copy = structuredClone(data);
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === REMOVE) delete parent[last];
  else parent[last] = value;
  return copy;
}

/** The JSON Schema node that governs the value at `path`. */
export function schemaAt(schema: JsonSchema, path: DataPath): JsonSchema {
  return path.reduce<JsonSchema>((node, step) => {
    const next = typeof step === 'number' ? node.items : node.properties?.[step];
    if (!next || typeof next === 'boolean' || Array.isArray(next)) throw new Error(`no schema at ${pathLabel(path)}`);
    return next;
  }, schema);
}

/** Whether the field at `path` is required by its parent object. */
export function isRequired(schema: JsonSchema, path: DataPath): boolean {
  const step = path.at(-1);
  return typeof step === 'string' && (schemaAt(schema, path.slice(0, -1)).required ?? []).includes(step);
}

/** A value of another JSON type than `value`, to check that the schema checks types. */
export function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return 'true';
  if (Array.isArray(value)) return { 0: value[0] };
  if (isRecord(value)) return [value];
  return 'unexpected';
}
