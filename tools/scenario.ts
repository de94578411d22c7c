/**
 * The seed report as a running demo: `npm run scenario` drives both flights'
 * children through the running services' public APIs, from registration to
 * the handover, and prints what completed. Exit code 0 only if every child
 * was handed over and intake, legal and logistics agree on it.
 *
 * Environment: INTAKE_URL, LEGAL_URL, LOGISTICS_URL, NOTIFICATION_URL,
 * MAILPIT_URL (defaults: the services' local ports and Mailpit's 8025),
 * SCENARIO_RUN_ID (optional, lowercase letters and digits),
 * SCENARIO_CONCURRENCY (default 8: requests in flight per phase) and
 * SCENARIO_MOVEMENT_CONCURRENCY (default 2: commands in flight on one movement).
 * Tokens come from the development issuer's key in .run/dev-issuer/ for the
 * users of tools/dev-issuer/dev-users.json.
 */
import { devAccessTokens } from './dev-issuer/dev-issuer-files';
import { formatSummary, runSeedScenario, serviceUrlsFromEnv } from './scenario/index';

function positiveInteger(name: string): number | undefined {
  const raw = process.env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got '${raw}'`);
  return value;
}

async function main(): Promise<number> {
  const summary = await runSeedScenario({
    urls: serviceUrlsFromEnv(),
    // Each step as the seeded user whose role it needs, with the development issuer's tokens.
    accessToken: devAccessTokens(),
    runId: process.env['SCENARIO_RUN_ID'] || undefined,
    concurrency: positiveInteger('SCENARIO_CONCURRENCY'),
    movementConcurrency: positiveInteger('SCENARIO_MOVEMENT_CONCURRENCY'),
    onProgress: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`\n${formatSummary(summary)}\n`);
  return summary.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`scenario failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
