import { join } from 'node:path';
import { createLogger } from '@homeward/telemetry';
import { loadConsoleConfig } from './config';
import { createConsoleApp } from './http/console.app';
import { createOidcClient } from './oidc/oidc-client';
import { SessionStore } from './session/session.store';

/**
 * The console's server: the OAuth client of the issuer (tokens kept here,
 * the browser holds a session cookie), the proxy to the services, and the
 * built front end. SIGTERM/SIGINT: stop taking connections, let open
 * requests finish, exit.
 */
async function main(): Promise<void> {
  const config = loadConsoleConfig();
  const logger = createLogger('console', config.logLevel);
  const oidc = createOidcClient({
    issuer: config.issuer,
    clientId: config.client.id,
    clientSecret: config.client.secret,
    redirectUri: `${config.publicUrl}/auth/callback`,
    postLogoutRedirectUri: `${config.publicUrl}/signed-out`,
  });
  const staticDir = config.staticDir ?? join(__dirname, '../../../dist/apps/console');
  const app = createConsoleApp({ config, oidc, sessions: new SessionStore(), logger, staticDir });
  const server = app.listen(config.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  logger.info({ url: config.publicUrl, issuer: config.issuer }, 'console listening');
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`console: ${error.message}\n`);
  process.exit(1);
});
