import { onShutdownSignals } from '@homeward/messaging';
import { createLogger, type TelemetryHandle } from '@homeward/telemetry';
import { loadServiceConfig } from './service-env';
import { startService, type ServiceDefinition } from './start-service';

/**
 * The body of every service's main.ts: validated config (fail fast naming the
 * variable), the service, and the two-phase shutdown on SIGTERM and SIGINT.
 */
export async function runService(definition: ServiceDefinition, defaultPort: number, telemetry: TelemetryHandle): Promise<void> {
  let config;
  try {
    config = loadServiceConfig(definition.name, defaultPort);
  } catch (error) {
    process.stderr.write(`${definition.name}: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  try {
    const service = await startService(definition, config, logger);
    onShutdownSignals(
      { drain: [() => service.drain()], close: [() => service.close(), () => telemetry.shutdown()] },
      logger,
      config.SHUTDOWN_TIMEOUT_MS,
    );
  } catch (error) {
    logger.fatal({ err: error }, `${definition.name} could not start`);
    await telemetry.shutdown();
    process.exit(1);
  }
}
