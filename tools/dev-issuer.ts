/**
 * The development OIDC issuer (`npm run dev-issuer`; `npm start` and
 * `npm run stack -- up` start it) on DEV_ISSUER_PORT (3009): oidc-provider
 * with a sign-in page of the seeded users, the key pair kept in
 * .run/dev-issuer/. The services trust it by default outside production;
 * production refuses it.
 */
import { loadDevUsers } from '@homeward/auth';
import { createDevIssuerApp } from './dev-issuer/dev-issuer.provider';
import { consoleOrigins, devAudience, devIssuer, devIssuerPort, devSigningKey, devUsersFile } from './dev-issuer/dev-issuer-files';

async function main(): Promise<void> {
  const ttl = Number(process.env['DEV_ISSUER_ACCESS_TOKEN_TTL_SECONDS'] ?? 3600);
  if (!Number.isInteger(ttl) || ttl < 1) throw new Error('DEV_ISSUER_ACCESS_TOKEN_TTL_SECONDS must be a positive whole number of seconds');
  const app = createDevIssuerApp({
    issuer: devIssuer,
    key: await devSigningKey(),
    users: loadDevUsers(devUsersFile),
    audience: devAudience,
    consoleOrigins: consoleOrigins(),
    accessTokenTtlSeconds: ttl,
  });
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    // Loopback unless a container asks for its interface (DEV_ISSUER_HOST=0.0.0.0).
    const s = app.listen(devIssuerPort, process.env['DEV_ISSUER_HOST'] ?? '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  process.stdout.write(`development issuer ${devIssuer} (discovery: ${devIssuer}/.well-known/openid-configuration; consoles: ${consoleOrigins().join(', ')})\n`);
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`dev issuer: ${error.message}\n`);
  process.exit(1);
});
