import type { ErrorRequestHandler, RequestHandler } from 'express';
import { NotFoundError, TooManyRequestsError, UnauthorizedError } from '@homeward/errors';
import { mapErrorToProblem } from './error-to-problem.mapper';
import { describeError, type HttpLogger } from './http-logger';
import { buildProblem, problemInstance, sendProblem } from './problem-details';
import { requestIdOf } from './request-id.middleware';

/** The last route: anything that reaches it is a 404 problem. */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(new NotFoundError(`No route for ${req.method} ${req.path}.`));
}

/**
 * The last middleware: every error becomes problem+json, so express never
 * renders its HTML page. Unexpected errors are logged with the error and the
 * route, never with the body, query or headers of the request.
 */
export function errorHandler(logger: HttpLogger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const mapped = mapErrorToProblem(error);
    const requestId = requestIdOf(req);
    if (mapped.unexpected) {
      logger.error(
        { err: describeError(error), requestId, method: req.method, route: req.route?.path },
        'request failed',
      );
    }
    if (res.headersSent) {
      // Part of the response is on the wire; the only honest signal left
      // is to cut the connection so the client sees a truncated response.
      req.socket.destroy();
      return;
    }
    if (error instanceof UnauthorizedError) res.set('WWW-Authenticate', error.challenge);
    if (error instanceof TooManyRequestsError) res.set('Retry-After', String(error.retryAfterSeconds));
    sendProblem(
      res,
      buildProblem({
        code: mapped.code,
        status: mapped.status,
        detail: mapped.detail,
        instance: problemInstance(req),
        requestId,
        extensions: mapped.extensions,
      }),
    );
  };
}
