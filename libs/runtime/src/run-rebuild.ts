import { createLogger } from '@homeward/telemetry';
import { rebuildProjections } from './rebuild-projections';
import { loadServiceConfig } from './service-env';
import type { ServiceDefinition } from './start-service';

/**
 * The body of every service's rebuild.ts (run by `npm run rebuild -- <service>`,
 * with the service stopped and its usual environment): prints what was
 * rebuilt and exits 0 only if the projections came back the same.
 */
export async function runRebuild(definition: ServiceDefinition, defaultPort: number): Promise<void> {
  const config = loadServiceConfig(definition.name, defaultPort);
  const logger = createLogger(`${definition.name}-rebuild`, config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  try {
    const outcome = await rebuildProjections(definition, config, logger);
    process.stdout.write(`${definition.name}: rebuilt from the topics with consumer group ${outcome.groupId}, ${outcome.eventsProcessed} events\n`);
    for (const p of outcome.projections) {
      process.stdout.write(`  ${p.collection}: ${p.before} documents before, ${p.after} after, ${p.differing.length} differing${p.differing.length ? ` (${p.differing.slice(0, 10).join(', ')}; copy kept in ${p.collection}_before_rebuild)` : ''}\n`);
    }
    process.stdout.write(outcome.same ? 'same state as before\n' : 'DIFFERENT from before\n');
    process.exitCode = outcome.same ? 0 : 1;
  } catch (error) {
    process.stderr.write(`${definition.name}: rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
