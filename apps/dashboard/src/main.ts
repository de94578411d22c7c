import { telemetry } from './instrumentation';
import { runService } from '@homeward/runtime';
import { loadDashboardConfig } from './config';
import { createDashboardService } from './dashboard.service';

let config;
try {
  config = loadDashboardConfig();
} catch (error) {
  process.stderr.write(`dashboard: ${(error as Error).message}\n`);
  process.exit(2);
}
void runService(createDashboardService(config), 3000, telemetry);
