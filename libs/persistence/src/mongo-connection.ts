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
    // FerretDB speaks the wire protocol but not every server-side feature the
    // driver may probe for; plain reads and writes with majority-free defaults
    // work the same on MongoDB and FerretDB.
    retryWrites: false,
    autoIndex: false,
    maxPoolSize: 20,
    ...options.security,
  });
  await connection.asPromise();
  return connection;
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
