// Jest global setup for integration tests: make sure the real Kafka, SecantusDB
// and Mailpit servers run (started by the project's own script, which returns
// at once when they are already healthy). It does not stop them: `npm test`
// (tools/test.ts) stops what it started, and a developer's running stack stays.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  if (process.env.HOMEWARD_SKIP_SERVERS === '1') return;
  const script = path.join(__dirname, '../../../infra/scripts/servers.sh');
  execFileSync('bash', [script, 'up'], { stdio: 'inherit' });
};
