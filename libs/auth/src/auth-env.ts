import { z } from 'zod';
import { ConfigError } from '@homeward/config';

export const DEV_ISSUER_DEFAULT_PORT = 3009;

// Asymmetric algorithms only: `none` is no signature at all, and an HS*
// token would be checked with a shared secret that every verifier (every
// service) holds, so any of them could mint tokens.
const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;
export type SigningAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];

const jwks = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected a JSON Web Key Set ({"keys":[…]})' });
      return z.NEVER;
    }
  })
  .pipe(z.object({ keys: z.array(z.looseObject({ kty: z.string() })).min(1) }));

/** The environment of token verification (each variable names itself in a config error). */
export const authEnv = {
  HOMEWARD_ENV: z.enum(['development', 'test', 'production']).optional().describe('Deployment kind; production refuses the development issuer.'),
  OIDC_ISSUER: z.url().optional().describe('The OIDC issuer (`iss`) the services trust; defaults to the development issuer outside production.'),
  OIDC_AUDIENCE: z.string().min(1).default('homeward').describe('The audience (`aud`) a token must name.'),
  OIDC_JWKS_URI: z.url().optional().describe("The issuer's key set; discovered from /.well-known/openid-configuration when absent."),
  OIDC_JWKS: jwks.optional().describe('A static JSON Web Key Set instead of fetching one (tests; refused in production).'),
  OIDC_ALGORITHMS: z
    .string()
    .default('RS256,PS256,ES256,EdDSA')
    .transform((s) => s.split(',').map((a) => a.trim()).filter(Boolean))
    .pipe(z.array(z.enum(ASYMMETRIC_ALGORITHMS, { message: `allowed: ${ASYMMETRIC_ALGORITHMS.join(', ')} (never none or HS*)` })).min(1)),
  OIDC_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  DEV_ISSUER_PORT: z.coerce.number().int().min(1).max(65535).default(DEV_ISSUER_DEFAULT_PORT),
};

type AuthEnv = z.infer<z.ZodObject<typeof authEnv>> & { readonly NODE_ENV?: string };

/** What the token verifier needs, resolved and checked. */
export interface AuthSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly algorithms: readonly SigningAlgorithm[];
  readonly clockToleranceSeconds: number;
  readonly jwksUri?: string;
  readonly jwks?: { keys: Record<string, unknown>[] };
  readonly usesDevelopmentIssuer: boolean;
}

export const devIssuerUrl = (port: number = DEV_ISSUER_DEFAULT_PORT) => `http://127.0.0.1:${port}`;

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/**
 * The verifier's settings from the validated environment. Production
 * (NODE_ENV or HOMEWARD_ENV) refuses to start without a real issuer: one
 * named explicitly, over https, not on loopback, with its keys fetched from
 * it rather than pasted into the environment.
 */
export function authSettingsOf(env: AuthEnv): AuthSettings {
  const production = env.NODE_ENV === 'production' || env.HOMEWARD_ENV === 'production';
  const issuer = env.OIDC_ISSUER ?? devIssuerUrl(env.DEV_ISSUER_PORT);
  if (production) {
    const refuse = (variable: string, why: string) => {
      throw new ConfigError([variable], `Invalid configuration:\n  ${variable}: ${why}`);
    };
    if (!env.OIDC_ISSUER) refuse('OIDC_ISSUER', 'production requires a real OIDC issuer; the development issuer is refused');
    const url = new URL(issuer);
    if (url.protocol !== 'https:' || LOOPBACK.test(url.hostname)) refuse('OIDC_ISSUER', `production requires an https issuer that is not the development issuer (got ${issuer})`);
    if (env.OIDC_JWKS) refuse('OIDC_JWKS', 'a static key set is for tests; production fetches the issuer\'s keys');
  }
  return {
    issuer,
    audience: env.OIDC_AUDIENCE,
    algorithms: env.OIDC_ALGORITHMS,
    clockToleranceSeconds: env.OIDC_CLOCK_TOLERANCE_SECONDS,
    ...(env.OIDC_JWKS_URI ? { jwksUri: env.OIDC_JWKS_URI } : {}),
    ...(env.OIDC_JWKS ? { jwks: env.OIDC_JWKS as { keys: Record<string, unknown>[] } } : {}),
    usesDevelopmentIssuer: !env.OIDC_ISSUER,
  };
}
