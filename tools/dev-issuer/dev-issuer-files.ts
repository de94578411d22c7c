import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { devIssuerUrl, DEV_ISSUER_DEFAULT_PORT, loadDevUsers, loadOrCreateDevSigningKey, mintDevToken, type DevUser } from '@homeward/auth';
import { repoRoot } from '@homeward/testing';
import type { AccessTokenProvider } from '../scenario/api-client';

/** The development issuer's address, key and users as the local tools find them. */
export const devIssuerPort = Number(process.env['DEV_ISSUER_PORT'] ?? DEV_ISSUER_DEFAULT_PORT);
// In a container the issuer is reached by its service name (infra/docker-compose.yml), not loopback.
export const devIssuer = process.env['DEV_ISSUER_URL'] ?? devIssuerUrl(devIssuerPort);
export const devAudience = process.env['OIDC_AUDIENCE'] ?? 'homeward';
export const devRunDir = process.env['HOMEWARD_RUN_DIR'] ?? join(repoRoot, '.run');
// The build (dist/tools/) carries a copy beside the bundle.
export const devUsersFile = existsSync(join(__dirname, 'dev-users.json')) ? join(__dirname, 'dev-users.json') : join(repoRoot, 'tools/dev-issuer/dev-users.json');

/** The console's default port (CONSOLE_PORT). */
export const CONSOLE_DEFAULT_PORT = 3005;
export const consolePort = () => Number(process.env['CONSOLE_PORT'] ?? CONSOLE_DEFAULT_PORT);

/**
 * The consoles the development issuer lets sign people in: the one on
 * CONSOLE_PORT, plus DEV_ISSUER_CONSOLE_ORIGINS (comma-separated origins,
 * e.g. a test's console on a port of its own).
 */
export function consoleOrigins(): string[] {
  const extra = (process.env['DEV_ISSUER_CONSOLE_ORIGINS'] ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  return [...new Set([`http://127.0.0.1:${consolePort()}`, ...extra])];
}

export const devSigningKey = () => loadOrCreateDevSigningKey(devRunDir);

/**
 * The local stack's services: a programme created without a list of
 * participating agencies gets every agency of the development users
 * (HOMEWARD_PROGRAMME_AGENCIES), so the seed scenario's people, each of
 * their own agency, work on the same programmes, as a real deployment
 * configures its partners. An explicit setting wins.
 */
export function devServiceEnv(users: readonly DevUser[] = loadDevUsers(devUsersFile)): Record<string, string> {
  return { HOMEWARD_PROGRAMME_AGENCIES: process.env['HOMEWARD_PROGRAMME_AGENCIES'] ?? [...new Set(users.map((u) => u.agency))].sort().join(',') };
}

export function devUser(userId: string, users: readonly DevUser[] = loadDevUsers(devUsersFile)): DevUser {
  const user = users.find((u) => u.userId === userId);
  if (!user) throw new Error(`No development user '${userId}'; the users are in ${devUsersFile}: ${users.map((u) => u.userId).join(', ')}`);
  return user;
}

/**
 * Tokens of the development issuer for the scenario's actors, one per user
 * (cached: they live eight hours). An actor asking for a role its seeded
 * user lacks is a mistake in the scenario or the users file, said at once.
 */
export function devAccessTokens(): AccessTokenProvider {
  const users = loadDevUsers(devUsersFile);
  const tokens = new Map<string, Promise<string>>();
  return (actor) => {
    const user = devUser(actor.userId, users);
    const missing = (actor.roles ?? []).filter((role) => !(user.roles as string[]).includes(role));
    if (missing.length > 0) throw new Error(`Development user '${user.userId}' lacks the role(s) ${missing.join(', ')} (${devUsersFile})`);
    let token = tokens.get(user.userId);
    if (!token) {
      token = devSigningKey().then((key) => mintDevToken(key, user, { issuer: devIssuer, audience: devAudience }));
      tokens.set(user.userId, token);
    }
    return token;
  };
}
