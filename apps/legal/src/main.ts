import { telemetry } from './instrumentation';
import { runService } from '@homeward/runtime';
import { legalService } from './legal.service';

void runService(legalService, 3002, telemetry);
