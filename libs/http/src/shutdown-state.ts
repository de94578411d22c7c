import type { Express } from 'express';

// Set by startHttpServer's close() and read by the readiness route, so the
// app reports "not ready" from the first moment of the shutdown.
const shuttingDown = new WeakSet<Express>();

export function markShuttingDown(app: Express): void {
  shuttingDown.add(app);
}

export function isShuttingDown(app: Express): boolean {
  return shuttingDown.has(app);
}
