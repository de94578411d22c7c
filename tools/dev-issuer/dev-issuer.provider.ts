import express, { type Express } from 'express';
import { Provider, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { DEV_ALGORITHM, DEV_CONSOLE_CLIENT, type DevSigningKey, type DevUser } from '@homeward/auth';
import { signInPage, signOutPage, signedOutPage } from './sign-in.page';

/** The one resource server the issuer mints access tokens for: every service verifies `aud: homeward`. */
export const HOMEWARD_RESOURCE = 'urn:homeward:api';

export interface DevIssuerOptions {
  readonly issuer: string;
  readonly key: DevSigningKey;
  readonly users: readonly DevUser[];
  readonly audience: string;
  /** The consoles that may sign people in (origin, e.g. http://127.0.0.1:3005): their /auth/callback and /signed-out are registered. */
  readonly consoleOrigins: readonly string[];
  readonly accessTokenTtlSeconds: number;
}

/**
 * The development OIDC issuer, on oidc-provider: discovery, JWKS,
 * authorization code with PKCE (S256, required), the token endpoint and
 * RP-initiated sign-out. Its sign-in page lists the seeded users by name and
 * one click signs in as that user. Access tokens are JWTs signed with the
 * development key (the same one `npm run token` signs with), for the
 * audience `homeward`, with the claims the services verify: `sub`, `roles`,
 * `agency` (and `name`).
 */
export function createDevIssuerApp(options: DevIssuerOptions): Express {
  const usersById = new Map(options.users.map((u) => [u.userId, u]));
  const provider = new Provider(options.issuer, configuration(options, usersById));
  // The issuer listens on loopback over plain http (development only).
  provider.proxy = false;

  const app = express();
  app.disable('x-powered-by');
  app.get('/interaction/:uid', async (req, res) => {
    const details = await provider.interactionDetails(req, res);
    res.type('html').set('cache-control', 'no-store').send(signInPage({ uid: details.uid, users: options.users }));
  });
  app.post('/interaction/:uid/sign-in', express.urlencoded({ extended: false, limit: '2kb' }), async (req, res) => {
    const details = await provider.interactionDetails(req, res);
    const user = usersById.get(String((req.body as Record<string, unknown>)['userId'] ?? ''));
    if (!user) {
      res.status(400).type('html').send(signInPage({ uid: details.uid, users: options.users, error: 'Choose one of the listed users.' }));
      return;
    }
    const clientId = String(details.params['client_id']);
    // The console is a first-party client: signing in grants what it asked for, no consent screen.
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: user.userId, clientId });
    if (!grant) throw new Error('the interaction names a grant that no longer exists');
    grant.addOIDCScope(String(details.params['scope'] ?? 'openid'));
    grant.addResourceScope(HOMEWARD_RESOURCE, 'api');
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId: user.userId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  });
  app.use(provider.callback());
  return app;
}

function configuration(options: DevIssuerOptions, usersById: ReadonlyMap<string, DevUser>): Configuration {
  const userOf = (accountId: string) => usersById.get(accountId);
  return {
    clients: [
      {
        client_id: DEV_CONSOLE_CLIENT.id,
        client_secret: DEV_CONSOLE_CLIENT.secret,
        client_name: 'Homeward console',
        redirect_uris: options.consoleOrigins.map((o) => `${o}/auth/callback`),
        post_logout_redirect_uris: options.consoleOrigins.map((o) => `${o}/signed-out`),
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: DEV_ALGORITHM,
      },
    ],
    jwks: { keys: [{ ...options.key.privateJwk, alg: DEV_ALGORITHM, use: 'sig' }] as NonNullable<Configuration['jwks']>['keys'] },
    enabledJWA: { idTokenSigningAlgValues: [DEV_ALGORITHM] },
    // A confidential client too must prove its authorization request (RFC 9700 recommends PKCE for every client).
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'api'],
    claims: { openid: ['sub'], profile: ['name', 'roles', 'agency'] },
    async findAccount(_ctx, accountId) {
      const user = userOf(accountId);
      if (!user) return undefined;
      return { accountId, claims: () => ({ sub: accountId, name: user.name, roles: [...user.roles], agency: user.agency }) };
    },
    async extraTokenClaims(_ctx, token) {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const user = userOf(token.accountId);
      return user ? { roles: [...user.roles], agency: user.agency, name: user.name } : undefined;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = signOutPage(form);
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.body = signedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => HOMEWARD_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async () => ({
          scope: 'api',
          audience: options.audience,
          accessTokenTTL: options.accessTokenTtlSeconds,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: DEV_ALGORITHM } },
        }),
      },
    },
    ttl: {
      AccessToken: options.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: options.accessTokenTtlSeconds,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    // Development cookies; oidc-provider signs them with these keys.
    cookies: { keys: ['homeward-development-issuer-cookie-key'] },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = signedOutPage(`${out['error']}: ${out['error_description'] ?? ''}`);
    },
  };
}
