import * as oidc from 'openid-client';
import { decodeJwt } from 'jose';
import type { SessionUser } from '../session/session.store';

export interface OidcClientOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
}

export interface SignedIn {
  readonly user: SessionUser;
  readonly accessToken: string;
  readonly idToken?: string;
  readonly expiresAt: number;
}

/**
 * The console as an OAuth client of the issuer, with openid-client:
 * authorization code with PKCE (S256) and nonce, the code exchanged with the
 * client's secret, sign-out through the issuer's end-session endpoint.
 * Discovery happens on first use, and again after a failure, so the console
 * starts before its issuer is up.
 */
export function createOidcClient(options: OidcClientOptions) {
  let configuration: Promise<oidc.Configuration> | undefined;
  const discovered = () =>
    (configuration ??= oidc
      .discovery(new URL(options.issuer), options.clientId, options.clientSecret, undefined, {
        // The development issuer answers over plain http on loopback; production issuers are https (config refuses others).
        ...(options.issuer.startsWith('http://') ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      }));

  return {
    async authorizationUrl(state: string, codeVerifier: string, nonce: string): Promise<URL> {
      return oidc.buildAuthorizationUrl(await discovered(), {
        redirect_uri: options.redirectUri,
        scope: 'openid profile api',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
    },

    async finishSignIn(callbackUrl: URL, expected: { state: string; codeVerifier: string; nonce: string }): Promise<SignedIn> {
      const tokens = await oidc.authorizationCodeGrant(await discovered(), callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
      // Received straight from the token endpoint over the client's authenticated channel; the services verify its signature on every call.
      const claims = decodeJwt(tokens.access_token);
      const roles = Array.isArray(claims['roles']) ? claims['roles'].filter((r): r is string => typeof r === 'string') : [];
      const expiresIn = tokens.expiresIn() ?? 300;
      return {
        user: {
          userId: String(claims.sub ?? ''),
          name: typeof claims['name'] === 'string' ? claims['name'] : String(claims.sub ?? ''),
          roles,
          agency: String(claims['agency'] ?? ''),
        },
        accessToken: tokens.access_token,
        ...(tokens.id_token ? { idToken: tokens.id_token } : {}),
        expiresAt: Date.now() + expiresIn * 1000,
      };
    },

    /** The issuer's end-session URL, or the console's signed-out page when the issuer has none. */
    async signOutUrl(idToken: string | undefined): Promise<string> {
      const config = await discovered();
      if (!config.serverMetadata().end_session_endpoint) return options.postLogoutRedirectUri;
      return oidc
        .buildEndSessionUrl(config, { post_logout_redirect_uri: options.postLogoutRedirectUri, ...(idToken ? { id_token_hint: idToken } : {}) })
        .toString();
    },
  };
}
export type OidcClient = ReturnType<typeof createOidcClient>;
export const newCodeVerifier = () => oidc.randomPKCECodeVerifier();
export const newNonce = () => oidc.randomNonce();
