import type { LoggerLike } from './kafka-client';

export interface ShutdownPlan {
  /** Phase one: stop taking requests and messages, let in-flight work finish. */
  readonly drain: ReadonlyArray<() => Promise<void>>;
  /** Phase two: flush what was committed, then close producers and databases. */
  readonly close: ReadonlyArray<() => Promise<void>>;
}

/**
 * Two-phase shutdown on SIGTERM (what Kubernetes and the stack script send)
 * and SIGINT (Ctrl-C). Never exits mid-flight; a second signal or the timeout
 * forces the exit with a non-zero code.
 */
export function onShutdownSignals(plan: ShutdownPlan, logger: LoggerLike, timeoutMs: number): () => Promise<void> {
  let shuttingDown: Promise<void> | undefined;
  const shutdown = () => {
    shuttingDown ??= (async () => {
      const timer = setTimeout(() => {
        logger.error({ timeoutMs }, 'graceful shutdown timed out; exiting');
        process.exit(1);
      }, timeoutMs);
      timer.unref();
      for (const phase of [plan.drain, plan.close]) {
        const results = await Promise.allSettled(phase.map((step) => step()));
        for (const r of results) if (r.status === 'rejected') logger.error({ err: r.reason }, 'shutdown step failed');
      }
      clearTimeout(timer);
      logger.info({}, 'stopped cleanly');
    })();
    return shuttingDown;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    logger.info({ signal }, 'shutting down');
    shutdown().then(() => process.exit(0));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return shutdown;
}
