import { Router, type Request } from 'express';
import type { Logger } from 'pino';
import { newCodeVerifier, newNonce, type OidcClient } from '../oidc/oidc-client';
import type { SessionCookies } from '../session/session-cookie';
import type { SessionStore } from '../session/session.store';
import { safeReturnTo } from './return-to';

export interface AuthRoutesOptions {
  readonly oidc: OidcClient;
  readonly sessions: SessionStore;
  readonly cookies: SessionCookies;
  readonly publicUrl: string;
  readonly sessionTtlMs: number;
  readonly logger: Logger;
}

/**
 * Sign-in (authorization code with PKCE through the issuer), the session
 * the front end asks about, and sign-out at the console and the issuer.
 */
export function authRoutes({ oidc, sessions, cookies, publicUrl, sessionTtlMs, logger }: AuthRoutesOptions): Router {
  const router = Router();
  const sessionOf = (req: Request) => sessions.get(cookies.read(req));

  router.get('/auth/login', async (req, res) => {
    const codeVerifier = newCodeVerifier();
    const nonce = newNonce();
    const state = sessions.begin({ codeVerifier, nonce, returnTo: safeReturnTo(req.query['returnTo']) });
    const url = await oidc.authorizationUrl(state, codeVerifier, nonce);
    cookies.setSignIn(res, state);
    res.set('cache-control', 'no-store').redirect(303, url.toString());
  });

  router.get('/auth/callback', async (req, res) => {
    const state = String(req.query['state'] ?? '');
    const pending = state && cookies.readSignIn(req) === state ? sessions.finish(state) : undefined;
    cookies.clearSignIn(res);
    if (!pending) {
      // A stale or foreign callback: start again rather than show an error page.
      res.redirect(303, '/auth/login');
      return;
    }
    try {
      const signedIn = await oidc.finishSignIn(new URL(req.originalUrl, publicUrl), { state, codeVerifier: pending.codeVerifier, nonce: pending.nonce });
      const expiresAt = Math.min(signedIn.expiresAt, Date.now() + sessionTtlMs);
      const session = sessions.create({ ...signedIn, expiresAt });
      cookies.set(res, session.id, expiresAt - Date.now());
      logger.info({ userId: signedIn.user.userId, roles: signedIn.user.roles }, 'signed in');
      res.redirect(303, pending.returnTo);
    } catch (error) {
      logger.warn({ err: { message: (error as Error).message } }, 'sign-in callback refused');
      res.redirect(303, '/signed-out?reason=sign-in-failed');
    }
  });

  router.get('/auth/session', (req, res) => {
    const session = sessionOf(req);
    res.set('cache-control', 'no-store');
    if (!session) {
      res.status(401).json({ signedIn: false, signIn: '/auth/login' });
      return;
    }
    res.json({ signedIn: true, user: session.user, csrfToken: session.csrfToken, expiresAt: new Date(session.expiresAt).toISOString() });
  });

  router.post('/auth/logout', async (req, res) => {
    const session = sessions.end(cookies.read(req));
    cookies.clear(res);
    const redirect = await oidc.signOutUrl(session?.idToken).catch(() => '/signed-out');
    res.set('cache-control', 'no-store').json({ redirect });
  });

  return router;
}
