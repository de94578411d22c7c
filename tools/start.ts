import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { appNames, appPorts, launchService, repoRoot, serviceNames, waitUntilReady, type AppName, type ServiceProcess } from '@homeward/testing';
import { mintDevToken } from '@homeward/auth';
import { devAudience, devIssuer, devServiceEnv, devSigningKey, devUser } from './dev-issuer/dev-issuer-files';
import { buildConsole, consoleUrl, launchConsole, waitForConsole } from './stack/console-process';
import { launchDevIssuer, waitForDevIssuer } from './stack/dev-issuer-process';
import { mailpitUi, servers, serversRunning } from './stack/servers';
import { logFile, readPid } from './stack/service-pids';

/**
 * `npm start`, the main job: the local servers, the four services, the
 * dashboard and the console in the foreground, the seed scenario through the public APIs, then the addresses
 * to look at. Ctrl-C stops the services (one SIGTERM each: the two-phase
 * shutdown) and the servers it started.
 */
async function main(): Promise<void> {
  const background = appNames.filter((name) => readPid(name));
  if (background.length > 0) {
    console.error(`A background stack is running (${background.join(', ')}): stop it with 'npm run stack -- down' first.`);
    process.exit(1);
  }
  const serversWereRunning = serversRunning();
  if (!buildConsole()) {
    console.error("The console's front end did not build (npx nx run console:build).");
    process.exit(1);
  }
  if (servers('up') !== 0) process.exit(1);

  const issuer = launchDevIssuer();
  await waitForDevIssuer();
  // The console first: people sign in there while the services start (it answers them once they are up).
  const consoleProcess = launchConsole();
  // Each service in its own process group, so that Ctrl-C reaches only this
  // process, which then stops each service with exactly one SIGTERM.
  const launch = (name: AppName): ServiceProcess => {
    const service = launchService(name, { port: appPorts[name], env: devServiceEnv(), logFile: logFile(name), detached: true });
    service.child.once('exit', (code) => {
      if (!stopping) {
        console.error(`${service.name} exited unexpectedly (code ${code}); see ${logFile(service.name)}`);
        void stop(1);
      }
    });
    return service;
  };
  let stopping = false;
  const services: ServiceProcess[] = [];
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the services…');
    const codes = await Promise.all(services.map((s) => s.stop('SIGTERM')));
    services.forEach((s, i) => console.log(`  ${s.name}: exited with ${codes[i]}`));
    issuer.kill('SIGTERM');
    consoleProcess.kill('SIGTERM');
    if (!serversWereRunning) servers('down');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  consoleProcess.once('exit', (code) => {
    if (!stopping) {
      console.error(`the console exited unexpectedly (code ${code}); see ${logFile('console')}`);
      void stop(1);
    }
  });
  await waitForConsole(() => consoleProcess.exitCode === null);
  console.log(`\nHomeward console: ${consoleUrl()}/   (sign in as any seeded user; log: ${logFile('console')})\n`);

  services.push(...serviceNames.map(launch));
  await Promise.all(services.map((s) => waitUntilReady(s.url, 90_000)));
  // The dashboard after the services: each process creates the topics it
  // needs at start, and five creating the same new topics at once can trip the broker.
  const dashboard = launch('dashboard');
  services.push(dashboard);
  await waitUntilReady(dashboard.url, 90_000);
  // The page takes its bearer token from the link's fragment: a supervisor's, valid for the session.
  const dashboardLink = `${dashboard.url}/#token=${await mintDevToken(await devSigningKey(), devUser('supervisor-1'), { issuer: devIssuer, audience: devAudience, ttlSeconds: 8 * 3600 })}`;
  console.log(`\nServices ready; running the seed scenario… (watch it live: ${dashboardLink})\n`);
  const scenario = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'tools/scenario.ts')], { cwd: repoRoot, stdio: 'inherit' });
  const scenarioCode = await new Promise<number | null>((resolve) => scenario.once('exit', resolve));
  if (stopping) return;

  console.log('\nHomeward is running:');
  console.log(`  ${'console'.padEnd(13)} ${consoleUrl()}/   (sign in as any seeded user of tools/dev-issuer/dev-users.json)`);
  for (const s of services) console.log(`  ${s.name.padEnd(13)} ${s.url}   (log: ${logFile(s.name)})`);
  console.log(`  ${'Mailpit UI'.padEnd(13)} ${mailpitUi}   (the guardians' e-mails)`);
  console.log(`  ${'dev issuer'.padEnd(13)} ${devIssuer}   (tokens: npm run token -- --user case-worker-1)`);
  console.log(`\nThe live dashboard: signed in, at ${consoleUrl()}/dashboard; or as supervisor-1 without the console: ${dashboardLink}\n  (right to left: add ?lang=ar before the #; another user's link: /#token=$(npm run -s token -- --user observer-1))`);
  console.log(
    scenarioCode === 0
      ? '\nThe seed scenario completed. Press Ctrl-C to stop.'
      : `\nThe seed scenario did NOT complete (exit ${scenarioCode}); the stack stays up for inspection. Press Ctrl-C to stop.`,
  );
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
