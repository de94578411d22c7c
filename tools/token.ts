/**
 * `npm run token -- --user <userId> [--ttl <seconds>]`: prints a bearer
 * token of the development issuer for one of the seeded users
 * (tools/dev-issuer/dev-users.json), with their roles and agency.
 *
 *   curl -H "Authorization: Bearer $(npm run -s token -- --user case-worker-1)" http://127.0.0.1:3001/cases
 */
import { parseArgs } from 'node:util';
import { loadDevUsers, mintDevToken } from '@homeward/auth';
import { devAudience, devIssuer, devSigningKey, devUser, devUsersFile } from './dev-issuer/dev-issuer-files';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { user: { type: 'string' }, ttl: { type: 'string' }, list: { type: 'boolean' } } });
  if (values.list) {
    for (const u of loadDevUsers(devUsersFile)) process.stdout.write(`${u.userId.padEnd(22)} ${u.roles.join(',').padEnd(20)} ${u.agency}\n`);
    return 0;
  }
  if (!values.user) {
    process.stderr.write('usage: npm run token -- --user <userId> [--ttl <seconds>]   (--list shows the users)\n');
    return 2;
  }
  const ttlSeconds = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttlSeconds !== undefined && (!Number.isInteger(ttlSeconds) || ttlSeconds < 1)) {
    process.stderr.write('--ttl must be a positive number of seconds\n');
    return 2;
  }
  const token = await mintDevToken(await devSigningKey(), devUser(values.user), { issuer: devIssuer, audience: devAudience, ...(ttlSeconds ? { ttlSeconds } : {}) });
  process.stdout.write(`${token}\n`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  },
);
