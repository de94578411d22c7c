import { ForbiddenError } from '@homeward/errors';
import type { Principal } from '../principal';
import { GRANTS, holds, type Permission } from './permissions';

/** 403 naming the missing permission and the roles that hold it, unless the principal holds it. */
export function authorize(principal: Principal, permission: Permission): void {
  if (holds(principal.roles, permission)) return;
  throw new ForbiddenError(`This requires the permission ${permission} (roles: ${GRANTS[permission].join(', ')}); the caller has ${principal.roles.join(', ') || 'no role'}.`, {
    permission,
  });
}

/** 403 for a route that declares no permission: default deny. */
export function undeclaredPermission(method: string, path: string): ForbiddenError {
  return new ForbiddenError(`${method.toUpperCase()} ${path} declares no permission, so nobody may call it (default deny; see the README, "Declaring a route's policy").`, {
    permission: 'undeclared',
  });
}
