import type { Connection, Model, Schema } from 'mongoose';
import type { PendingEvent } from './pending-event';

/**
 * How personal values are protected before they reach MongoDB or the outbox
 * (implemented by @homeward/privacy: envelope encryption with a data key per
 * child, and a blind index for search keys). Persistence applies it
 * mechanically to the fields an aggregate declares personal, and to the
 * `personal` part of every event.
 */
export interface PersonalDataCodec {
  /** The value in sealed form, bound to the child and the field path; a sealed value passes through. */
  seal(caseId: string, path: string, value: unknown): Promise<unknown>;
  /** The plain value; an erased marker when the child's key was deleted; anything not sealed passes through. */
  open(caseId: string, path: string, value: unknown): Promise<unknown>;
  /** A search key as a keyed hash; a blinded value passes through. */
  blind(value: string): string;
  /** Creates the keys of many children at once (bulk writes). */
  prepare?(caseIds: readonly string[]): Promise<void>;
}

/** A personal field of each element of an array, sealed with the key of the child the element names (a movement's passengers). */
export interface PerChildField {
  readonly array: string;
  readonly childKey: string;
  readonly field: string;
}

/**
 * The fields of an aggregate's state that are personal (sealed with the key
 * of the child the aggregate is about), personal per child in an array, or
 * search keys derived from personal data (blinded).
 */
export interface PersonalFields {
  readonly sealed: readonly string[];
  readonly blinded: readonly string[];
  readonly sealedPerChild?: readonly PerChildField[];
  /**
   * Personal values inside nested parts of the state, each sealed on its own
   * with the aggregate's child key, so that the structure around them (codes,
   * statuses, ids) stays plain for the rules: dotted paths that step into every
   * element of an array they meet (`requirements.decisions.reason`).
   */
  readonly sealedNested?: readonly string[];
}

/** Every event's data keeps its personal part here (libs/contracts), and the aggregates of intake theirs. */
export const EVENT_PERSONAL_PATH = 'personal';
const DEFAULT_FIELDS: PersonalFields = { sealed: [EVENT_PERSONAL_PATH], blinded: [] };

const codecs = new WeakMap<Connection, PersonalDataCodec>();
const fieldsBySchema = new WeakMap<object, PersonalFields>();

/** Set once by the runtime for a service's connection: every aggregate on it is protected with this codec. */
export function usePersonalDataCodec(connection: Connection, codec: PersonalDataCodec): void {
  codecs.set(connection, codec);
}

export function personalDataCodecOf(connection: Connection): PersonalDataCodec | undefined {
  return codecs.get(connection);
}

export function declarePersonalFields(schema: Schema, fields: Partial<PersonalFields>): void {
  fieldsBySchema.set(schema, {
    sealed: fields.sealed ?? DEFAULT_FIELDS.sealed,
    blinded: fields.blinded ?? [],
    sealedPerChild: fields.sealedPerChild ?? [],
    sealedNested: fields.sealedNested ?? [],
  });
}

export function personalFieldsOf(model: Model<never>): PersonalFields {
  return fieldsBySchema.get(model.schema) ?? DEFAULT_FIELDS;
}

/** The child an event's personal part belongs to: its case, else the aggregate it is keyed by. */
export const eventSubjectId = (data: Record<string, unknown>, key: string): string => (typeof data['caseId'] === 'string' ? data['caseId'] : key);

export const eventPersonalPath = `data.${EVENT_PERSONAL_PATH}`;

export async function sealEvent(codec: PersonalDataCodec | undefined, event: PendingEvent): Promise<PendingEvent> {
  const data = event.data as Record<string, unknown> | null;
  if (!codec || typeof data !== 'object' || data === null || data[EVENT_PERSONAL_PATH] === undefined) return event;
  const personal = await codec.seal(eventSubjectId(data, event.key), eventPersonalPath, data[EVENT_PERSONAL_PATH]);
  return { ...event, data: { ...data, [EVENT_PERSONAL_PATH]: personal } };
}

export async function sealState<T extends object>(codec: PersonalDataCodec | undefined, id: string, state: T, fields: PersonalFields): Promise<T> {
  if (!codec) return state;
  const sealed: Record<string, unknown> = { ...(state as Record<string, unknown>) };
  for (const field of fields.sealed) {
    if (sealed[field] !== undefined && sealed[field] !== null) sealed[field] = await codec.seal(id, field, sealed[field]);
  }
  await eachPerChild(sealed, fields, (child, path, value) => codec.seal(child, path, value));
  // A value read back as erased stays the plain marker: there is no key to seal it with, and nothing personal left in it.
  // A new value about a child already erased is erased as it is written: the structure around it still changes.
  await eachNested(sealed, fields, async (path, value) => (isErasedMarker(value) ? value : codec.seal(id, path, value).catch(erasedOnWrite)));
  for (const field of fields.blinded) {
    const value = sealed[field];
    if (typeof value === 'string') sealed[field] = codec.blind(value);
    else if (Array.isArray(value)) sealed[field] = value.map((v) => (typeof v === 'string' ? codec.blind(v) : v));
  }
  return sealed as T;
}

export async function openState<T extends object>(codec: PersonalDataCodec | undefined, id: string, state: T, fields: PersonalFields): Promise<T> {
  if (!codec) return state;
  const opened: Record<string, unknown> = { ...(state as Record<string, unknown>) };
  for (const field of fields.sealed) {
    if (opened[field] !== undefined && opened[field] !== null) opened[field] = await codec.open(id, field, opened[field]);
  }
  await eachPerChild(opened, fields, (child, path, value) => codec.open(child, path, value));
  await eachNested(opened, fields, (path, value) => codec.open(id, path, value));
  return opened as T;
}

/** Replaces (in a copy of the array) each element's personal field by what `change` makes of it. */
async function eachPerChild(
  document: Record<string, unknown>,
  fields: PersonalFields,
  change: (childId: string, path: string, value: unknown) => Promise<unknown>,
): Promise<void> {
  for (const { array, childKey, field } of fields.sealedPerChild ?? []) {
    const items = document[array];
    if (!Array.isArray(items)) continue;
    document[array] = await Promise.all(
      items.map(async (item: Record<string, unknown>) => {
        const child = item?.[childKey];
        if (typeof child !== 'string' || item[field] === undefined || item[field] === null) return item;
        return { ...item, [field]: await change(child, `${array}.${field}`, item[field]) };
      }),
    );
  }
}

/** What the codec opens a value to once the child's key was deleted (libs/privacy ERASED). */
const isErasedMarker = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && (value as { erased?: unknown }).erased === true && Object.keys(value).length === 1;

/** The codec refuses to seal for a child whose key was deleted (libs/privacy DataErasedError, code `erased`). */
function erasedOnWrite(error: unknown): unknown {
  if ((error as { code?: unknown } | null)?.code === 'erased') return { erased: true };
  throw error;
}

/** Replaces (in copies of the parts on the way) every value a nested path names by what `change` makes of it. */
async function eachNested(document: Record<string, unknown>, fields: PersonalFields, change: (path: string, value: unknown) => Promise<unknown>): Promise<void> {
  for (const path of fields.sealedNested ?? []) {
    const [head, ...rest] = path.split('.');
    // A part the document does not hold stays absent (a partial change sets only what it names).
    if (head === undefined || rest.length === 0 || !(head in document)) continue;
    document[head] = await changeAt(document[head], rest, (value) => change(path, value));
  }
}

async function changeAt(node: unknown, segments: readonly string[], change: (value: unknown) => Promise<unknown>): Promise<unknown> {
  if (Array.isArray(node)) return Promise.all(node.map((item) => changeAt(item, segments, change)));
  if (typeof node !== 'object' || node === null) return node;
  const [segment, ...rest] = segments as [string, ...string[]];
  const value = (node as Record<string, unknown>)[segment];
  if (value === undefined || value === null) return node;
  return { ...node, [segment]: rest.length === 0 ? await change(value) : await changeAt(value, rest, change) };
}

/**
 * Opens the personal fields of documents read straight from an aggregate's
 * current-state collection (lists, searches), in place.
 */
export async function openDocuments(model: Model<never>, documents: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  const codec = personalDataCodecOf(model.db);
  if (!codec) return;
  const fields = personalFieldsOf(model);
  await Promise.all(
    documents.map(async (document) => {
      if (typeof document?.['_id'] !== 'string') return;
      for (const field of fields.sealed) {
        if (document[field] !== undefined && document[field] !== null) document[field] = await codec.open(document['_id'], field, document[field]);
      }
      await eachPerChild(document, fields, (child, path, value) => codec.open(child, path, value));
      const id = document['_id'];
      await eachNested(document, fields, (path, value) => codec.open(id, path, value));
    }),
  );
}
