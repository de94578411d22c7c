import mongoose, { type Connection } from 'mongoose';
import { TransientError } from '@homeward/errors';

export interface MongoOptions {
  readonly url: string;
  readonly dbName: string;
  /** Bounded so that a missing server fails a start or a readiness probe quickly. */
  readonly serverSelectionTimeoutMs?: number;
  /** TLS and SCRAM credentials (libs/config mongoSecurityOf); none on local loopback. */
  readonly security?: {
    readonly tls?: boolean;
    readonly tlsCAFile?: string;
    readonly auth?: { readonly username: string; readonly password: string };
    readonly authMechanism?: 'SCRAM-SHA-256' | 'SCRAM-SHA-1';
    readonly authSource?: string;
  };
}

/**
 * One connection per service database. `createConnection` rather than the
 * global mongoose singleton so that tests can hold several services' databases
 * in one process without sharing state.
 */
export async function connectMongo(options: MongoOptions): Promise<Connection> {
  const connection = mongoose.createConnection(options.url, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 5_000,
    // A write that meets a failover is retried once by the driver (MongoDB's
    // retryable writes): every write here is conditional or keyed, so a retry
    // never applies twice.
    retryWrites: true,
    autoIndex: false,
    maxPoolSize: 20,
    ...(process.env['HOMEWARD_DB_PROFILE'] ? { monitorCommands: true } : {}),
    ...options.security,
  });
  await connection.asPromise();
  if (process.env['HOMEWARD_DB_PROFILE']) profileCommands(connection, options.dbName, Number(process.env['HOMEWARD_DB_PROFILE']) || 30_000);
  return connection;
}

/**
 * A development aid (HOMEWARD_DB_PROFILE=<ms>): every interval, the database
 * commands that took the most time, by command and collection, on stderr.
 * Names the slow commands and the fields they select on, before a benchmark does.
 */
function profileCommands(connection: Connection, dbName: string, intervalMs: number): void {
  const totals = new Map<string, { count: number; ms: number; max: number }>();
  const started = new Map<number, string>();
  const client = connection.getClient();
  client.on('commandStarted', (event) => {
    const command = event.command as Record<string, unknown>;
    started.set(event.requestId, `${event.commandName} ${String(command[event.commandName] ?? '')}${filterShape(command)}`);
  });
  const done = (event: { requestId: number; duration: number }) => {
    const key = started.get(event.requestId);
    started.delete(event.requestId);
    if (!key) return;
    const total = totals.get(key) ?? { count: 0, ms: 0, max: 0 };
    total.count += 1;
    total.ms += event.duration;
    total.max = Math.max(total.max, event.duration);
    totals.set(key, total);
  };
  client.on('commandSucceeded', done);
  client.on('commandFailed', done);
  const timer = setInterval(() => {
    const top = [...totals.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
    if (top.length === 0) return;
    process.stderr.write(
      `[db-profile ${dbName}] ${top.map(([k, t]) => `${k}: ${t.count}× ${Math.round(t.ms)} ms (max ${Math.round(t.max)})`).join(' | ')}\n`,
    );
    totals.clear();
  }, intervalMs);
  timer.unref();
}

/** The fields a command selects on (`{_id}`, `{programmeId,status}`): what tells a lookup from a scan. */
function filterShape(command: Record<string, unknown>): string {
  const first = (list: unknown) => (Array.isArray(list) ? (list[0] as Record<string, unknown> | undefined) : undefined);
  const filter = (command['filter'] ?? command['query'] ?? first(command['updates'])?.['q'] ?? first(command['deletes'])?.['q'] ??
    (first(command['pipeline'])?.['$match'] as unknown)) as Record<string, unknown> | undefined;
  if (!filter || typeof filter !== 'object') return '';
  const shape = Object.entries(filter).map(([k, v]) => (k === '_id' && v !== null && typeof v === 'object' ? `_id:${Object.keys(v).join('')}` : k));
  return ` {${shape.join(',')}}`;
}

/** Creates every model's declared indexes; done once at start, not lazily on first use. */
export async function syncIndexes(connection: Connection): Promise<void> {
  for (const model of Object.values(connection.models)) {
    await model.createIndexes();
  }
}

/** Readiness: the database answers a ping now. */
export async function pingMongo(connection: Connection): Promise<void> {
  const db = connection.db;
  if (!db || connection.readyState !== 1) throw new TransientError('database connection is not open');
  await db.admin().command({ ping: 1 });
}
