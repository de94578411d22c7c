import { Readable } from 'node:stream';
import { Router, type Request } from 'express';
import { PURPOSE_HEADER } from '@homeward/auth';
import type { SessionCookies } from '../session/session-cookie';
import type { SessionStore } from '../session/session.store';

/** What the browser may send on to a service, and what comes back from it. */
const REQUEST_HEADERS = ['accept', 'content-type', 'if-match', 'idempotency-key', 'accept-language', 'x-request-id'];
const RESPONSE_HEADERS = ['content-type', 'etag', 'location', 'content-disposition', 'retry-after', 'x-request-id', 'idempotent-replayed', 'cache-control'];

export const SESSION_EXPIRED = { type: 'https://homeward.example/problems/session-expired', title: 'Signed out', status: 401, detail: 'The session has ended; sign in again.', signIn: '/auth/login' };

/**
 * `/api/<service>/<path>` → the service's `<path>`, with the person's
 * bearer token and the purpose the screen states, so every rule of role,
 * agency, field and audit applies as to any other caller. A token the
 * service no longer accepts ends the session: the front end then sends the
 * person to sign in again.
 */
export function apiProxyRoutes(services: Readonly<Record<string, string>>, sessions: SessionStore, cookies: SessionCookies): Router {
  const router = Router();
  router.all('/api/:service/{*path}', async (req: Request, res) => {
    const base = services[String(req.params['service'])];
    if (!base) {
      res.status(404).json({ title: 'No such service', status: 404 });
      return;
    }
    const session = sessions.get(cookies.read(req));
    if (!session) {
      res.status(401).type('application/problem+json').json(SESSION_EXPIRED);
      return;
    }
    const target = new URL(req.originalUrl.slice(`/api/${req.params['service']}`.length) || '/', base);
    const headers = new Headers({ authorization: `Bearer ${session.accessToken}` });
    for (const name of REQUEST_HEADERS) {
      const value = req.get(name);
      if (value) headers.set(name, value);
    }
    headers.set(PURPOSE_HEADER, (req.get(PURPOSE_HEADER) ?? 'console').slice(0, 200));
    const hasBody = !['GET', 'HEAD'].includes(req.method);
    let answer: Response;
    try {
      answer = await fetch(target, {
        method: req.method,
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(60_000),
        ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
      } as RequestInit);
    } catch {
      res.status(502).type('application/problem+json').json({ title: 'Service unavailable', status: 502, detail: `The ${req.params['service']} service did not answer.` });
      return;
    }
    if (answer.status === 401) {
      sessions.end(session.id);
      cookies.clear(res);
      res.status(401).type('application/problem+json').json(SESSION_EXPIRED);
      return;
    }
    res.status(answer.status);
    for (const name of RESPONSE_HEADERS) {
      const value = answer.headers.get(name);
      if (value) res.set(name, value);
    }
    if (!answer.body) {
      res.end();
      return;
    }
    Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream).pipe(res);
  });
  return router;
}
