import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ROLES } from '../roles';

export const DevUser = z.object({
  userId: z.string().regex(/^[a-z0-9-]{1,60}$/).describe('The token subject (`sub`).'),
  name: z.string().min(1).describe('Display name.'),
  roles: z.array(z.enum(ROLES as [string, ...string[]])).min(1),
  agency: z.string().min(1).describe('The agency the person works for (`agency` claim).'),
});
export type DevUser = z.infer<typeof DevUser>;

const DevUsersFile = z.object({ users: z.array(DevUser).min(1) });

/** The development users (checked in: tools/dev-issuer/dev-users.json), validated. */
export function loadDevUsers(file: string): DevUser[] {
  const { users } = DevUsersFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  const ids = users.map((u) => u.userId);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0) throw new Error(`${file}: user ids must be unique (${twice.join(', ')})`);
  return users;
}
