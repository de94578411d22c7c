import { z } from 'zod';
import { AgencyId } from '@homeward/contracts';
import { loadConfig } from '@homeward/config';

const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The agency feeds' settings; the service refuses to start with a message naming a bad variable. */
export function loadFeedsConfig(env: NodeJS.ProcessEnv = process.env) {
  const loaded = loadConfig(
    {
      // The entitlement list: only these agencies may receive personal data
      // (level `full`). Comma-separated agency ids; empty means none may.
      FEEDS_FULL_DATA_AGENCIES: z
        .string()
        .default('')
        .transform((s) => s.split(',').map((a) => a.trim()).filter(Boolean))
        .pipe(z.array(AgencyId)),
      FEEDS_WEBHOOK_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(8),
      FEEDS_RETRY_INITIAL_MS: positive(2_000),
      FEEDS_RETRY_MAX_MS: positive(15 * 60_000),
      FEEDS_POLL_MS: positive(500),
      FEEDS_WEBHOOK_TIMEOUT_MS: positive(10_000),
      // How long a hole in a feed's sequence may be an append still in flight;
      // after that it is a seq allocated by a writer that failed, and skipped.
      FEEDS_GAP_SETTLE_MS: positive(10_000),
      // How long a rotated-out webhook secret still signs, beside the new one, by default.
      FEEDS_SECRET_OVERLAP_MS: z.coerce.number().int().min(0).max(30 * 24 * 3_600_000).default(24 * 3_600_000),
    },
    env,
  );
  // Production sends webhooks over https to public addresses only (domain/webhook-address.ts).
  return { ...loaded, production: env['NODE_ENV'] === 'production' || env['HOMEWARD_ENV'] === 'production' };
}
export type FeedsConfig = ReturnType<typeof loadFeedsConfig>;
