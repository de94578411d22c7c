// `npm run rebuild -- legal`: the programmes' checklists again from the topics, with the service stopped.
import { runRebuild } from '@homeward/runtime';
import { legalService } from './legal.service';

void runRebuild(legalService, 3002);
