/**
 * The request headers that say who acts in a test. Every test that calls a
 * service's API as a person gets its headers here, so that the way identity
 * travels (today two headers, with authentication a signed bearer token) is
 * changed in one place.
 */
export function actingAs(userId: string, roles: readonly string[] = []): Record<string, string> {
  return { 'x-homeward-user': userId, ...(roles.length ? { 'x-homeward-roles': roles.join(',') } : {}) };
}
