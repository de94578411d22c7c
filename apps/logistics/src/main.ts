import { telemetry } from './instrumentation';
import { runService } from '@homeward/runtime';
import { logisticsService } from './logistics.service';

void runService(logisticsService, 3003, telemetry);
