import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import type { MongoClient } from 'mongodb';

/** One place where data rests or travels, as text, with the sealed values found in it. */
export interface ScannedItem {
  readonly where: string;
  readonly text: string;
  readonly sealed: ReadonlyArray<{ readonly data: string }>;
}

/** Every sealed value (`{ _sealed, data }`) anywhere inside a document or message. */
export function sealedValuesIn(value: unknown, found: Array<{ data: string }> = []): Array<{ data: string }> {
  if (Array.isArray(value)) for (const item of value) sealedValuesIn(item, found);
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record['_sealed'] === 'string' && typeof record['data'] === 'string') found.push({ data: record['data'] });
    else for (const item of Object.values(record)) sealedValuesIn(item, found);
  }
  return found;
}

const LIST_DATABASES_PATIENCE_MS = 30_000;

/**
 * Every document of every collection of every database whose name starts with
 * one of the prefixes (listDatabases), and of the stack's known databases.
 * A listDatabases that stalls on a server shared with heavy writers is not
 * waited for past a bound: the known names (every database the stack was
 * configured with) are scanned then.
 */
export async function scanDatabases(mongo: MongoClient, prefixes: readonly string[], known: readonly string[]): Promise<ScannedItem[]> {
  let timer: NodeJS.Timeout | undefined;
  const listed = await Promise.race([
    mongo.db('admin').admin().listDatabases({ nameOnly: true }).then((r) => r.databases.map((d) => d.name)),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), LIST_DATABASES_PATIENCE_MS))),
  ]).finally(() => clearTimeout(timer));
  const mine = [...new Set([...(listed ?? []).filter((name) => prefixes.some((p) => name.startsWith(p))), ...known])];
  const items: ScannedItem[] = [];
  for (const name of mine) {
    const db = mongo.db(name);
    for (const { name: collection } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      for (const document of await db.collection(collection).find({}).toArray()) {
        items.push({ where: `${name}.${collection}/${String(document['_id'])}`, text: JSON.stringify(document), sealed: sealedValuesIn(document) });
      }
    }
  }
  return items;
}

/** Every message of every partition of every topic whose name starts with the prefix, dead-letter topics included. */
export async function scanTopics(kafka: Kafka, prefix: string, groupId: string): Promise<ScannedItem[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, Map<number, number>>();
  try {
    for (const topic of (await admin.listTopics()).filter((t) => t.startsWith(prefix))) {
      ends.set(topic, new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)])));
    }
  } finally {
    await admin.disconnect();
  }
  const expected = [...ends.values()].flatMap((m) => [...m.values()]).reduce((a, b) => a + b, 0);
  const items: ScannedItem[] = [];
  if (expected === 0) return items;
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...ends.keys()], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${items.length} of ${expected} messages in 60 s`)), 60_000);
      void consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          if (Number(message.offset) >= (ends.get(topic)?.get(partition) ?? 0)) return;
          const value = message.value?.toString('utf8') ?? '';
          const headers = Object.entries(message.headers ?? {}).map(([k, v]) => `${k}=${String(v)}`).join('\n');
          let parsed: unknown = null;
          try {
            parsed = JSON.parse(value);
          } catch {
            // not JSON: scanned as text only
          }
          items.push({ where: `${topic}:${partition}:${message.offset}`, text: `${message.key?.toString('utf8') ?? ''}\n${headers}\n${value}`, sealed: sealedValuesIn(parsed) });
          if (items.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return items;
}

/** The services' log and span files. */
export async function scanFiles(dir: string): Promise<ScannedItem[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.log') || f.endsWith('.jsonl'));
  return Promise.all(files.map(async (f) => ({ where: join(dir, f), text: await readFile(join(dir, f), 'utf8'), sealed: [] })));
}

/** Where any of the needles shows, as `where: needle`; empty when none does. */
export function plaintextFound(items: readonly ScannedItem[], needles: readonly string[]): string[] {
  return items.flatMap((item) => needles.filter((n) => item.text.toLowerCase().includes(n.toLowerCase())).map((n) => `${item.where}: ${n}`));
}
