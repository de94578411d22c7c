import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { maybePrincipalOf } from '@homeward/auth';
import { TooManyRequestsError } from '@homeward/errors';

/**
 * At most `limit` requests a minute per token subject (after
 * authentication, so the key is the verified person, not an address a proxy
 * may hide). Over the limit: 429 problem with Retry-After. Counters are per
 * process (express-rate-limit's memory store): behind N replicas the
 * effective limit is N times higher.
 */
export function perCallerRateLimit(limit: number, windowMs = 60_000): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `sub:${maybePrincipalOf(req)?.userId ?? 'anonymous'}`,
    handler: (_req, _res, next) =>
      next(new TooManyRequestsError(`More than ${limit} requests in ${windowMs / 1000} s for this caller; retry later.`, Math.ceil(windowMs / 1000))),
  });
}
