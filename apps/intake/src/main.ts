import { telemetry } from './instrumentation';
import { runService } from '@homeward/runtime';
import { intakeService } from './intake.service';

void runService(intakeService, 3001, telemetry);
