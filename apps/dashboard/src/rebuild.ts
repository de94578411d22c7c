// `npm run rebuild -- dashboard`: the whole read model (views, holds, counters) again from the topics, with the dashboard stopped.
import { runRebuild } from '@homeward/runtime';
import { loadDashboardConfig } from './config';
import { createDashboardService } from './dashboard.service';

let config;
try {
  config = loadDashboardConfig();
} catch (error) {
  process.stderr.write(`dashboard: ${(error as Error).message}\n`);
  process.exit(2);
}
void runRebuild(createDashboardService(config), 3000);
