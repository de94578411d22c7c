import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { Express } from 'express';
import type { HttpLogger } from './http-logger';
import { markShuttingDown } from './shutdown-state';

export interface HttpServerOptions {
  readonly port: number;
  readonly host: string;
  /** How long in-flight requests may take to finish once close() began; then sockets are cut. */
  readonly drainTimeoutMs?: number;
  /**
   * How long readiness answers 503 while the port still accepts, before it
   * closes: gives a load balancer time to notice (match its probe interval).
   */
  readonly unreadyGraceMs?: number;
  readonly logger?: HttpLogger;
}

export interface HttpServerHandle {
  readonly server: Server;
  /** The bound port (useful with `port: 0`). */
  readonly port: number;
  /**
   * Phase one of the graceful shutdown: readiness fails, no new connections
   * are accepted, in-flight requests finish (bounded), every socket closes.
   * Idempotent; close databases and the producer only after it resolves.
   */
  close(): Promise<void>;
}

export async function startHttpServer(app: Express, options: HttpServerOptions): Promise<HttpServerHandle> {
  const { port, host, drainTimeoutMs = 10_000, unreadyGraceMs = 0, logger } = options;
  const server = createServer(app);
  const inFlight = new Set<ServerResponse>();
  let closing: Promise<void> | undefined;

  // Registered before express so it sees every request first. During the
  // drain, `connection: close` makes each response the last on its socket,
  // and a socket left idle by a finished response is closed at once.
  server.prependListener('request', (_req, res: ServerResponse) => {
    if (closing) res.setHeader('connection', 'close');
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (closing) server.closeIdleConnections();
    });
  });

  await listen(server, port, host);

  const drain = async () => {
    markShuttingDown(app);
    if (unreadyGraceMs > 0) await delay(unreadyGraceMs);
    for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = setTimeout(() => {
      logger?.warn({ inFlight: inFlight.size, drainTimeoutMs }, 'drain timed out; closing remaining connections');
      server.closeAllConnections();
    }, drainTimeoutMs);
    try {
      await closed;
    } finally {
      clearTimeout(deadline);
    }
  };

  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => (closing ??= drain()),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
