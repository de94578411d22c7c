import { startTelemetry } from '@homeward/telemetry';

/** Imported first by main.ts: the instrumentations patch express, kafkajs and mongoose as they load. */
export const telemetry = startTelemetry({ serviceName: 'dashboard' });
