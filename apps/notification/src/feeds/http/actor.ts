/**
 * The caller of a feeds route: the verified bearer token's subject and roles
 * (libs/auth). The routes also declare their permission, so the policy
 * refuses a caller without it before the handler runs.
 */
export { principalOf as actorOf } from '@homeward/auth';
