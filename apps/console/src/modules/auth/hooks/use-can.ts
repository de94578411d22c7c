import type { Permission } from '@homeward/auth/permissions';
import { useSession } from '../components/session-context';
import { canWith } from '../utils/can-with';

export function useCan(): (permission: Permission) => boolean {
  const { user } = useSession();
  return (permission) => canWith(user.roles, permission);
}
