import { Router, type Express } from 'express';
import type { HttpLogger } from './http-logger';
import { describeError } from './http-logger';
import { buildProblem, problemInstance, sendProblem } from './problem-details';
import { runReadinessChecks, type ReadinessCheck } from './readiness-check';
import { requestIdOf } from './request-id.middleware';
import { isShuttingDown } from './shutdown-state';

export interface HealthRoutesOptions {
  readonly app: Express;
  readonly serviceName: string;
  /** This process's instance id (HOMEWARD_INSTANCE_ID): which replica answered, and a check that a port is still its own. */
  readonly instance?: string;
  readonly readiness: readonly ReadinessCheck[];
  readonly readinessTimeoutMs: number;
  readonly logger: HttpLogger;
}

/**
 * `/health/live` answers while the process serves (a restart will not help
 * otherwise); `/health/ready` answers 200 only when every dependency does and
 * the service is not shutting down, so a load balancer stops sending traffic.
 */
export function healthRoutes(options: HealthRoutesOptions): Router {
  const { app, serviceName, readiness, readinessTimeoutMs, logger } = options;
  const instance = options.instance ? { instance: options.instance } : {};
  const router = Router();

  router.get('/health/live', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ status: 'live', service: serviceName, ...instance });
  });

  router.get('/health/ready', async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    const problem = (detail: string, extensions: Record<string, unknown>) =>
      buildProblem({
        code: 'not-ready',
        status: 503,
        detail,
        instance: problemInstance(req),
        requestId: requestIdOf(req),
        extensions,
      });

    if (isShuttingDown(app)) {
      sendProblem(res, problem(`${serviceName} is shutting down`, { shuttingDown: true }));
      return;
    }

    const results = await runReadinessChecks(readiness, readinessTimeoutMs);
    const checks = Object.fromEntries(results.map((r) => [r.name, r.outcome]));
    const failing = results.filter((r) => r.outcome !== 'up');
    if (failing.length === 0) {
      res.json({ status: 'ready', service: serviceName, ...instance, checks });
      return;
    }
    for (const { name, outcome, error } of failing) {
      logger.warn(
        { check: name, outcome, ...(error !== undefined && { err: describeError(error) }) },
        'readiness check failed',
      );
    }
    const names = failing.map((r) => r.name);
    sendProblem(
      res,
      problem(`Readiness checks failing: ${names.join(', ')}`, { checks, failing: names }),
    );
  });

  return router;
}
