import type { RequestHandler } from 'express';
import type { Session } from '../session/session.store';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing calls must carry the session's CSRF token in a header
 * (which another site's form or fetch cannot set without CORS, and the
 * console allows none) and, when the browser names it, come from the
 * console's own origin. The SameSite cookie is a second line, not the only one.
 */
export function csrfProtection(publicOrigin: string, sessionOf: (req: Parameters<RequestHandler>[0]) => Session | undefined): RequestHandler {
  return (req, res, next) => {
    if (SAFE.has(req.method)) return next();
    const origin = req.get('origin');
    const session = sessionOf(req);
    const sent = req.get(CSRF_HEADER);
    if ((origin && origin !== publicOrigin) || (session && sent !== session.csrfToken)) {
      res.status(403).type('application/problem+json').json({
        type: 'https://homeward.example/problems/csrf',
        title: 'Request refused',
        status: 403,
        detail: 'The request did not come from this console (missing or wrong CSRF token, or another origin).',
      });
      return;
    }
    next();
  };
}
