import { appNames, appPorts, launchService, serviceNames, waitUntilReady, type AppName } from '@homeward/testing';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { devIssuer, devServiceEnv } from './dev-issuer/dev-issuer-files';
import { buildConsole, consoleUrl, launchConsole, waitForConsole } from './stack/console-process';
import { launchDevIssuer, waitForDevIssuer } from './stack/dev-issuer-process';
import { mailpitUi, servers, serversRunning } from './stack/servers';
import { clearPid, logFile, readPid, runDir, terminate, writePid } from './stack/service-pids';

// `down` stops the servers only if `up` started them: a developer's or a
// test run's servers stay up.
const startedServersMarker = join(runDir, 'pids', 'servers.started-by-stack');

/**
 * `npm run stack -- up|down|status`: the servers, the four services, the dashboard and the
 * console in the background, for scripts. `npm start` is the foreground variant.
 */
async function up(): Promise<number> {
  const wereRunning = serversRunning();
  if (!buildConsole()) {
    console.error("The console's front end did not build (npx nx run console:build).");
    return 1;
  }
  if (servers('up') !== 0) return 1;
  if (!wereRunning) {
    mkdirSync(join(runDir, 'pids'), { recursive: true });
    writeFileSync(startedServersMarker, `${new Date().toISOString()}\n`);
  }
  if (!readPid('dev-issuer')) {
    const issuer = launchDevIssuer();
    writePid('dev-issuer', issuer.pid!);
    issuer.unref();
  }
  await waitForDevIssuer();
  if (!readPid('console')) {
    const launched = launchConsole();
    writePid('console', launched.pid!);
    launched.unref();
  }
  await waitForConsole();
  console.log(`${'console'.padEnd(13)} ${consoleUrl()}/   log ${logFile('console')}`);
  const launch = async (names: readonly AppName[]) => {
    for (const name of names) {
      if (readPid(name)) continue;
      const service = launchService(name, { port: appPorts[name], env: devServiceEnv(), logFile: logFile(name), detached: true });
      writePid(name, service.child.pid!);
      service.child.unref();
    }
    await Promise.all(names.map((name) => waitUntilReady(`http://127.0.0.1:${appPorts[name]}`, 90_000)));
  };
  // The dashboard after the services: five processes creating the same new topics at once can trip the broker.
  await launch(serviceNames);
  await launch(['dashboard']);
  for (const name of appNames) console.log(`${name.padEnd(13)} http://127.0.0.1:${appPorts[name]}   log ${logFile(name)}`);
  console.log(`${'mailpit'.padEnd(13)} ${mailpitUi}`);
  console.log(`${'dev issuer'.padEnd(13)} ${devIssuer}   tokens: npm run token -- --user case-worker-1`);
  return 0;
}

async function down(): Promise<number> {
  await Promise.all(
    [...appNames, 'dev-issuer' as const, 'console' as const].map(async (name) => {
      const pid = readPid(name);
      if (pid) console.log(`${name}: ${await terminate(pid)}`);
      clearPid(name);
    }),
  );
  if (!existsSync(startedServersMarker) && !process.argv.includes('--all')) {
    console.log("servers left running (not started by 'stack up'; 'npm run stack -- down --all' stops them too)");
    return 0;
  }
  rmSync(startedServersMarker, { force: true });
  return servers('down');
}

async function status(): Promise<number> {
  let code = servers('status');
  const consolePid = readPid('console');
  const consoleReady = consolePid ? await fetch(`${consoleUrl()}/health/ready`).then((r) => r.ok, () => false) : false;
  console.log(`${'console'.padEnd(13)}${consolePid ? 'running' : 'stopped'}   pid ${consolePid ?? '-'}   ${consoleUrl()} ${consoleReady ? 'ready' : 'not ready'}`);
  if (!consoleReady) code = 3;
  for (const name of appNames) {
    const pid = readPid(name);
    const url = `http://127.0.0.1:${appPorts[name]}`;
    const ready = pid ? await fetch(`${url}/health/ready`).then((r) => r.ok, () => false) : false;
    console.log(`${name.padEnd(13)}${pid ? 'running' : 'stopped'}   pid ${pid ?? '-'}   ${url} ${ready ? 'ready' : 'not ready'}`);
    if (!ready) code = 3;
  }
  return code;
}

const commands: Record<string, () => Promise<number>> = { up, down, status };
const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error('usage: npm run stack -- up|down|status');
  process.exit(2);
}
command().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
