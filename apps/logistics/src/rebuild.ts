// `npm run rebuild -- logistics`: the programme copies again from the topics, with the service stopped.
import { runRebuild } from '@homeward/runtime';
import { logisticsService } from './logistics.service';

void runRebuild(logisticsService, 3003);
