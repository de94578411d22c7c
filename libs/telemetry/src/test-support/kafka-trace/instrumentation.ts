// Imported first by the fixture, as a service's main.ts imports its
// instrumentation.ts first: the SDK must patch http, express and kafkajs
// before anything requires them.
import { startTelemetry } from '../../start-telemetry';

export const telemetry = startTelemetry({ serviceName: 'telemetry-fixture' });
