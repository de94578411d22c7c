import { GRANTS, type Permission } from '@homeward/auth/permissions';

/** Whether roles hold a permission: the same grants the services enforce, so no screen offers what they would refuse. */
export function canWith(roles: readonly string[], permission: Permission): boolean {
  return GRANTS[permission].some((role) => roles.includes(role));
}
