import { z } from 'zod';
import { ConfigError, loadConfig } from '@homeward/config';
import { DEV_CONSOLE_CLIENT, DEV_ISSUER_DEFAULT_PORT, devIssuerUrl } from '@homeward/auth';

export const CONSOLE_DEFAULT_PORT = 3005;

const url = (fallback: string) => z.url().default(fallback);

/**
 * The console's settings: where it listens, the OIDC issuer and its client
 * registration, the services it calls on the person's behalf, and how long a
 * session lasts. Production refuses the development issuer and its secret.
 */
export function loadConsoleConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(
    {
      NODE_ENV: z.string().optional(),
      HOMEWARD_ENV: z.enum(['development', 'test', 'production']).optional(),
      CONSOLE_PORT: z.coerce.number().int().min(1).max(65535).default(CONSOLE_DEFAULT_PORT),
      CONSOLE_PUBLIC_URL: z.url().optional().describe('The address people reach the console at; its /auth/callback is the redirect URI.'),
      OIDC_ISSUER: z.url().optional(),
      DEV_ISSUER_PORT: z.coerce.number().int().min(1).max(65535).default(DEV_ISSUER_DEFAULT_PORT),
      CONSOLE_OIDC_CLIENT_ID: z.string().min(1).default(DEV_CONSOLE_CLIENT.id),
      CONSOLE_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
      CONSOLE_SESSION_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(8 * 3600),
      CONSOLE_STATIC_DIR: z.string().min(1).optional().describe('The built front end (vite build); default dist/apps/console.'),
      INTAKE_URL: url('http://127.0.0.1:3001'),
      LEGAL_URL: url('http://127.0.0.1:3002'),
      LOGISTICS_URL: url('http://127.0.0.1:3003'),
      NOTIFICATION_URL: url('http://127.0.0.1:3004'),
      DASHBOARD_URL: url('http://127.0.0.1:3000'),
      LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    },
    env,
  );
  const production = config.NODE_ENV === 'production' || config.HOMEWARD_ENV === 'production';
  const refuse = (variable: string, why: string) => {
    throw new ConfigError([variable], `Invalid configuration:\n  ${variable}: ${why}`);
  };
  if (production && !config.OIDC_ISSUER) refuse('OIDC_ISSUER', 'production requires the deployment\'s OIDC issuer');
  if (production && !config.CONSOLE_OIDC_CLIENT_SECRET) refuse('CONSOLE_OIDC_CLIENT_SECRET', 'production requires the console\'s own client secret');
  if (production && !config.CONSOLE_PUBLIC_URL?.startsWith('https://')) refuse('CONSOLE_PUBLIC_URL', 'production requires the https address people reach the console at');
  const publicUrl = (config.CONSOLE_PUBLIC_URL ?? `http://127.0.0.1:${config.CONSOLE_PORT}`).replace(/\/+$/, '');
  return {
    port: config.CONSOLE_PORT,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    issuer: config.OIDC_ISSUER ?? devIssuerUrl(config.DEV_ISSUER_PORT),
    client: { id: config.CONSOLE_OIDC_CLIENT_ID, secret: config.CONSOLE_OIDC_CLIENT_SECRET ?? DEV_CONSOLE_CLIENT.secret },
    sessionTtlSeconds: config.CONSOLE_SESSION_TTL_SECONDS,
    staticDir: config.CONSOLE_STATIC_DIR,
    services: {
      intake: config.INTAKE_URL,
      legal: config.LEGAL_URL,
      logistics: config.LOGISTICS_URL,
      notification: config.NOTIFICATION_URL,
      dashboard: config.DASHBOARD_URL,
    },
    logLevel: config.LOG_LEVEL,
  };
}
export type ConsoleConfig = ReturnType<typeof loadConsoleConfig>;
export type ServiceName = keyof ConsoleConfig['services'];
