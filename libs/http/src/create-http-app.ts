import express, { type Express, type RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import { errorHandler, notFoundHandler } from './error.handler';
import { forbiddenKeysMiddleware } from './forbidden-keys.middleware';
import { healthRoutes } from './health.routes';
import type { HttpLogger } from './http-logger';
import { jsonBodyMiddleware } from './json-body.middleware';
import type { ReadinessCheck } from './readiness-check';
import { requestIdMiddleware } from './request-id.middleware';

export interface HttpAppOptions {
  readonly serviceName: string;
  /** Shown by the health probes (see HealthRoutesOptions.instance). */
  readonly instance?: string;
  readonly logger: HttpLogger;
  /** Access logging (pino-http from the telemetry lib); runs after the request id is set. */
  readonly requestLogger?: RequestHandler;
  /** Largest JSON body accepted, in body-parser notation. */
  readonly bodyLimit?: string | number;
  /**
   * POST routes that take a larger JSON body than `bodyLimit` (a bulk
   * import): parsed before the general parser, which then leaves them alone.
   */
  readonly largeJsonBodies?: ReadonlyArray<{ readonly path: string; readonly limit: string | number }>;
  readonly readiness: readonly ReadinessCheck[];
  /** Bound on each readiness check. */
  readonly readinessTimeoutMs?: number;
  readonly helmet?: HelmetOptions;
  /**
   * Authentication of every request past the health probes and the public
   * routes (the auth lib's bearer-token middleware). Required: an app cannot
   * be built that forgets it.
   */
  readonly authenticate: RequestHandler;
  /** Run for every request past the health probes, before authentication (the audit of refused tokens). */
  readonly beforeAuthentication?: readonly RequestHandler[];
  /** Run for every authenticated request, in order, before the body is parsed (audit, rate limits). */
  readonly afterAuthentication?: readonly RequestHandler[];
  /** Mounts routes that need no token, before authentication and body parsing. */
  readonly configurePublic?: (app: Express) => void;
  /** Mounts the service's routes, all behind `authenticate`. */
  readonly configure: (app: Express) => void;
}

/**
 * The express app every service serves: security headers, request ids,
 * health probes, public routes, authentication, strict JSON bodies, the
 * service's routes, then 404 and problem+json for every error.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const { serviceName, logger, requestLogger, configure } = options;
  if (!serviceName) throw new Error('createHttpApp: serviceName is required');
  if (typeof configure !== 'function') throw new Error('createHttpApp: configure must be a function');
  if (typeof options.authenticate !== 'function') throw new Error('createHttpApp: authenticate must be a request handler');
  const readiness = options.readiness ?? [];
  const names = readiness.map((check) => check.name);
  if (new Set(names).size !== names.length) {
    throw new Error(`createHttpApp: readiness check names must be unique (${names.join(', ')})`);
  }

  const app = express();
  app.disable('x-powered-by');
  app.use(requestIdMiddleware());
  app.use(helmet(options.helmet));
  // Probes come before access logging: a load balancer polling every few
  // seconds would drown the log.
  app.use(
    healthRoutes({
      app,
      serviceName,
      ...(options.instance ? { instance: options.instance } : {}),
      readiness,
      readinessTimeoutMs: options.readinessTimeoutMs ?? 2_000,
      logger,
    }),
  );
  if (requestLogger) app.use(requestLogger);
  for (const handler of options.beforeAuthentication ?? []) app.use(handler);
  options.configurePublic?.(app);
  // Default deny: nothing below answers without a verified token, and a
  // body is parsed only once the caller is known.
  app.use(options.authenticate);
  for (const handler of options.afterAuthentication ?? []) app.use(handler);
  for (const { path, limit } of options.largeJsonBodies ?? []) app.post(path, jsonBodyMiddleware(limit));
  app.use(jsonBodyMiddleware(options.bodyLimit ?? '256kb'));
  app.use(forbiddenKeysMiddleware());
  configure(app);
  app.use(notFoundHandler());
  app.use(errorHandler(logger));
  return app;
}
