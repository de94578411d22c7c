import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { ConsoleConfig } from '../config';
import type { OidcClient } from '../oidc/oidc-client';
import { sessionCookies } from '../session/session-cookie';
import type { SessionStore } from '../session/session.store';
import { apiProxyRoutes } from './api-proxy.routes';
import { authRoutes } from './auth.routes';
import { csrfProtection } from './csrf.middleware';

export interface ConsoleAppDeps {
  readonly config: ConsoleConfig;
  readonly oidc: OidcClient;
  readonly sessions: SessionStore;
  readonly logger: Logger;
  /** The built front end (index.html and assets/). */
  readonly staticDir: string;
}

/** The console's HTTP surface: health, sign-in and session, the API proxy, the front end. */
export function createConsoleApp({ config, oidc, sessions, logger, staticDir }: ConsoleAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(helmet({ contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': config.secureCookies ? [] : null } }, strictTransportSecurity: config.secureCookies }));
  app.get('/health/live', (_req, res) => res.json({ status: 'live' }));
  app.get('/health/ready', (_req, res) => res.json({ status: 'ready' }));

  const cookies = sessionCookies(config.secureCookies);
  app.use(csrfProtection(new URL(config.publicUrl).origin, (req) => sessions.get(cookies.read(req))));
  app.use(authRoutes({ oidc, sessions, cookies, publicUrl: config.publicUrl, sessionTtlMs: config.sessionTtlSeconds * 1000, logger }));
  app.use(apiProxyRoutes(config.services, sessions, cookies));

  const index = join(staticDir, 'index.html');
  app.use('/assets', express.static(join(staticDir, 'assets'), { immutable: true, maxAge: '1y', index: false }));
  app.use(express.static(staticDir, { index: false }));
  // Every other path is a screen of the single-page front end, which asks /auth/session who is signed in.
  app.get('/{*path}', (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).type('text').send(`The console's front end is not built: run npx nx run console:build (looked in ${staticDir}).`);
      return;
    }
    res.set('cache-control', 'no-cache').sendFile(index);
  });
  return app;
}
