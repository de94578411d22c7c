import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';

export const REQUEST_ID_HEADER = 'x-request-id';

// An incoming id is reused only if it cannot smuggle anything into logs or
// headers: a short token of URL-safe characters (UUIDs, ULIDs, trace ids).
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const requestIds = new WeakMap<Request, string>();

/** The id of this request, as echoed in `x-request-id` and in every problem. */
export function requestIdOf(req: Request): string {
  return requestIds.get(req) ?? 'unknown';
}

export function requestIdMiddleware(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get(REQUEST_ID_HEADER);
    const id = incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    requestIds.set(req, id);
    // pino-http takes `req.id` when it is set, so request logs carry the same id.
    (req as Request & { id?: unknown }).id = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    next();
  };
}
