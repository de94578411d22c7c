import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

// Same header as @homeward/http's request-id middleware, which sets `req.id`
// first when it runs; pino-http then keeps that id and skips genReqId.
const REQUEST_ID_HEADER = 'x-request-id';

// A caller's request id is echoed into logs and the response, so only a
// plain token is accepted; anything else is replaced.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Express/HTTP middleware that logs one line per request: method, path,
 * status, duration and request id. Never the body, headers or query string:
 * a search query may hold a child's name. `req.log` is a child logger bound
 * to the request id only; the completion line also carries `req`.
 */
export function createHttpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestId,
    quietReqLogger: true,
    // Raw req/res reach our serializers, so nothing we did not pick is ever built.
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { originalUrl?: string; id?: unknown }) => ({
        id: req.id,
        method: req.method,
        path: pathOf(req.originalUrl ?? req.url),
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
    customAttributeKeys: { responseTime: 'durationMs' },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
  });
}

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const offered = req.headers[REQUEST_ID_HEADER];
  const id = typeof offered === 'string' && SAFE_REQUEST_ID.test(offered) ? offered : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

function pathOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}
