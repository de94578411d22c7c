import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { contentKey, type SnapshotReader } from './dashboard-snapshot';
import type { Reader } from '../store/dashboard.queries';
import { readerKey } from './roles';

interface Client {
  readonly res: Response;
  readonly reader: Reader;
  last?: string;
}

export interface LiveStreamOptions {
  readonly read: SnapshotReader;
  readonly refreshMs: number;
  readonly logger: Logger;
  readonly heartbeatMs?: number;
}

/**
 * Server-sent events for the live page. Every `refreshMs` (sooner after a
 * local change) the snapshot is read once per reader key (with or without
 * the holds' reasons, and for which agency: every panel shows only the
 * programmes the agency takes part in) and sent to each client whose page it would change. Reading
 * the read model, not reacting to this process's own consumer, keeps every
 * instance's pages current whichever instance consumed the events.
 */
export function createLiveStream(options: LiveStreamOptions) {
  const clients = new Set<Client>();
  let running: Promise<void> | undefined;
  let again = false;

  const push = async () => {
    // One read per reader key (reasons or not, and the agency whose programmes it shows).
    const audiences = new Map<string, Client[]>();
    for (const client of clients) audiences.set(readerKey(client.reader), [...(audiences.get(readerKey(client.reader)) ?? []), client]);
    for (const audience of audiences.values()) {
      const snapshot = await options.read(audience[0]!.reader);
      const key = contentKey(snapshot);
      const message = `event: dashboard\ndata: ${JSON.stringify(snapshot)}\n\n`;
      for (const client of audience) {
        if (client.last === key) continue;
        client.last = key;
        client.res.write(message);
      }
    }
  };

  const refresh = () => {
    if (clients.size === 0) return;
    if (running) {
      again = true;
      return;
    }
    running = push()
      .catch((error: unknown) => options.logger.warn({ err: error }, 'live dashboard update failed; retrying on the next tick'))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          refresh();
        }
      });
  };

  const ticker = setInterval(refresh, options.refreshMs);
  ticker.unref();
  const heartbeat = setInterval(() => {
    for (const client of clients) client.res.write(': keep-alive\n\n');
  }, options.heartbeatMs ?? 15_000);
  heartbeat.unref();

  let nudge: NodeJS.Timeout | undefined;
  return {
    attach(req: Request, res: Response, reader: Reader): void {
      res.status(200).set({
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.flushHeaders();
      res.write('retry: 2000\n\n');
      const client: Client = { res, reader };
      clients.add(client);
      req.on('close', () => clients.delete(client));
      refresh();
    },
    /** A local change: refresh soon, at most every 200 ms however many events arrive. */
    changed(): void {
      nudge ??= setTimeout(() => {
        nudge = undefined;
        refresh();
      }, 200);
    },
    /** Ends every stream (shutdown): browsers reconnect to another instance. */
    close(): void {
      clearInterval(ticker);
      clearInterval(heartbeat);
      if (nudge) clearTimeout(nudge);
      for (const client of clients) client.res.end();
      clients.clear();
    },
    get clients(): number {
      return clients.size;
    },
  };
}

export type LiveStream = ReturnType<typeof createLiveStream>;
