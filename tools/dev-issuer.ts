/**
 * The development OIDC issuer (`npm run dev-issuer`; `npm start` and
 * `npm run stack -- up` start it): discovery and key set on
 * DEV_ISSUER_PORT (3009), the key pair kept in .run/dev-issuer/. The
 * services trust it by default outside production; production refuses it.
 */
import { createDevIssuerServer } from '@homeward/auth';
import { devIssuer, devIssuerPort, devSigningKey } from './dev-issuer/dev-issuer-files';

async function main(): Promise<void> {
  const server = createDevIssuerServer(await devSigningKey(), devIssuer);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback unless a container asks for its interface (DEV_ISSUER_HOST=0.0.0.0).
    server.listen(devIssuerPort, process.env['DEV_ISSUER_HOST'] ?? '127.0.0.1', resolve);
  });
  process.stdout.write(`development issuer ${devIssuer} (discovery: ${devIssuer}/.well-known/openid-configuration)\n`);
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`dev issuer: ${error.message}\n`);
  process.exit(1);
});
