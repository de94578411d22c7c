import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { TransientError, UnauthorizedError } from '@homeward/errors';
import type { AuthSettings } from './auth-env';
import { BEARER_REALM, type Principal } from './principal';
import { isRole } from './roles';

export interface TokenVerifier {
  /** The principal of a valid token; UnauthorizedError (401) otherwise, TransientError (503) when the issuer's keys cannot be fetched. */
  verify(token: string): Promise<Principal>;
}

/** RFC 6750 §3: the challenge of a 401 for a token that was sent but is not valid. */
export const invalidTokenChallenge = (description: string) =>
  `Bearer realm="${BEARER_REALM}", error="invalid_token", error_description="${description.replaceAll('"', "'")}"`;

const invalid = (description: string) => new UnauthorizedError(`The bearer token is not valid: ${description}.`, invalidTokenChallenge(description));

/**
 * Verifies bearer tokens with jose against the issuer's key set: signature,
 * `iss`, `aud`, `exp` (and `nbf`), an asymmetric algorithm from the allow-list
 * (never `none`, never HS*), and the claims Homeward needs (`sub`, `agency`).
 */
export function createTokenVerifier(settings: AuthSettings): TokenVerifier {
  const keys = keySetOf(settings);
  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: settings.issuer,
          audience: settings.audience,
          algorithms: [...settings.algorithms],
          clockTolerance: settings.clockToleranceSeconds,
          requiredClaims: ['exp', 'sub'],
        }));
      } catch (error) {
        throw mapVerificationError(error);
      }
      return principalFromClaims(payload);
    },
  };
}

function principalFromClaims(payload: JWTPayload): Principal {
  const sub = payload.sub;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 100) throw invalid('sub must name the person (1 to 100 characters)');
  const agency = payload['agency'];
  if (typeof agency !== 'string' || agency.length === 0 || agency.length > 100) throw invalid('the agency claim must name the caller\'s agency');
  const claimed = payload['roles'];
  if (claimed !== undefined && !Array.isArray(claimed)) throw invalid('the roles claim must be an array');
  return { userId: sub, agency, roles: [...new Set((claimed ?? []).filter(isRole))] };
}

function mapVerificationError(error: unknown): Error {
  if (error instanceof errors.JWKSTimeout) return new TransientError("The token issuer's keys could not be fetched in time.", {}, { cause: error });
  if (error instanceof errors.JWTExpired) return invalid('the token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) return invalid(`the ${error.claim} claim is not accepted`);
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return invalid('its signing algorithm is not accepted');
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalid('the signature does not verify');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return invalid('no key of the issuer matches it');
  if (error instanceof errors.JOSEError) return invalid('it is malformed');
  if (error instanceof TransientError || error instanceof UnauthorizedError) return error;
  // A failed fetch of the key set (issuer down, DNS): the token may be fine.
  return new TransientError("The token issuer's keys could not be fetched.", {}, { cause: error });
}

function keySetOf(settings: AuthSettings): JWTVerifyGetKey {
  if (settings.jwks) return createLocalJWKSet(settings.jwks as Parameters<typeof createLocalJWKSet>[0]);
  if (settings.jwksUri) return createRemoteJWKSet(new URL(settings.jwksUri));
  // OIDC discovery, once: the issuer's metadata names its key set. A failed
  // discovery is forgotten so that the next request tries again.
  let remote: Promise<JWTVerifyGetKey> | undefined;
  const discover = async (): Promise<JWTVerifyGetKey> => {
    const url = `${settings.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new TransientError(`OIDC discovery answered ${response.status}.`);
    const metadata = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (metadata.issuer !== settings.issuer || typeof metadata.jwks_uri !== 'string') {
      throw new TransientError('OIDC discovery: the metadata names another issuer or no jwks_uri.');
    }
    return createRemoteJWKSet(new URL(metadata.jwks_uri));
  };
  return async (header, token) => {
    remote ??= discover().catch((error: unknown) => {
      remote = undefined;
      throw error;
    });
    return (await remote)(header, token);
  };
}
