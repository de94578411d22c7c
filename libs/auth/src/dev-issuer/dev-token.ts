import { SignJWT } from 'jose';
import { DEV_ALGORITHM, importDevPrivateKey, type DevSigningKey } from './dev-signing-key';
import type { DevUser } from './dev-users';

export interface DevTokenOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds?: number;
}

/** A token of the development issuer for one of its users. */
export async function mintDevToken(key: DevSigningKey, user: DevUser, options: DevTokenOptions): Promise<string> {
  return new SignJWT({ roles: user.roles, agency: user.agency, name: user.name })
    .setProtectedHeader({ alg: DEV_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(user.userId)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds ?? 8 * 3600}s`)
    .sign(await importDevPrivateKey(key));
}
