import { testToken } from './test-issuer';

/**
 * The request headers that say who acts in a test: a bearer token of the
 * test issuer with the person's id, roles and agency. Every test that calls
 * a service's API as a person gets its headers here; the service trusts the
 * test issuer through `testAuthEnv()`.
 */
export function actingAs(userId: string, roles: readonly string[] = [], agency?: string): Record<string, string> {
  return { authorization: `Bearer ${testToken({ sub: userId, roles, ...(agency ? { agency } : {}) })}` };
}
