import { z } from 'zod';

// 0 asks the system for a free port (tests).
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** Environment every service shares: where the servers are and who it is. */
export const commonEnv = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'expected host:port[,host:port]')).min(1)),
  KAFKA_CLIENT_ID: z.string().optional(),
  HOMEWARD_TOPIC_PREFIX: z.string().regex(/^[a-zA-Z0-9._-]*$/).default('').describe('Prefix for every topic (tests isolate themselves with it).'),
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// URL').default('mongodb://127.0.0.1:27017'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  RELAY_POLL_MS: z.coerce.number().int().positive().default(1_000),
  HOST: z.string().default('127.0.0.1'),
};

export { port };

/**
 * A production deployment (NODE_ENV=production or HOMEWARD_ENV=production):
 * no development issuer, no development keys, and no topic created by a
 * service with a single replica.
 */
export function productionMode(env: { readonly NODE_ENV?: string | undefined; readonly HOMEWARD_ENV?: string | undefined }): boolean {
  return env.NODE_ENV === 'production' || env.HOMEWARD_ENV === 'production';
}
