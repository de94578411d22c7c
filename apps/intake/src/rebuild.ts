// `npm run rebuild -- intake`: intake declares no projection (what it learns
// from other services lands in its case aggregates), so this says so and exits 2.
import { runRebuild } from '@homeward/runtime';
import { intakeService } from './intake.service';

void runRebuild(intakeService, 3001);
