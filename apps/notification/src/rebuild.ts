// `npm run rebuild -- notification`: the guardian contacts again from the topics, with the service stopped.
import { runRebuild } from '@homeward/runtime';
import { loadMailConfig } from './mail/mail.config';
import { createNotificationService } from './notification.service';

void runRebuild(createNotificationService(loadMailConfig()), 3004);
