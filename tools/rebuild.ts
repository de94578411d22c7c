/**
 * `npm run rebuild -- <service>`: with the service stopped, rebuilds its
 * local copies and read models from the topics through a fresh consumer
 * group reading from the earliest offset, and compares them with what they
 * held before. Same environment as the service (MONGO_URL, MONGO_DB,
 * KAFKA_BROKERS, HOMEWARD_TOPIC_PREFIX, KAFKA_GROUP_ID, …). Exit 0: the
 * state came back the same; 1: it differs (the old copy is kept beside it).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { appNames, repoRoot } from '@homeward/testing';

const service = process.argv[2];
// The dashboard too: its whole read model comes from the topics.
if (!service || !(appNames as readonly string[]).includes(service)) {
  process.stderr.write(`usage: npm run rebuild -- <${appNames.join('|')}>\n`);
  process.exit(2);
}
// The service's own rebuild entry, run as the service would be (an app is never imported by tools).
const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', '--import', 'tsx', join('apps', service, 'src', 'rebuild.ts')], {
  cwd: repoRoot,
  stdio: 'inherit',
});
child.once('exit', (code) => (process.exitCode = code ?? 2));
