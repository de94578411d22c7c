// `npm run rebuild -- notification`: the guardian contacts and the cases' movement copies again from the topics, with the service stopped (no e-mail, no event).
import { runRebuild } from '@homeward/runtime';
import { loadMailConfig } from './mail/mail.config';
import { createNotificationService } from './notification.service';

void runRebuild(createNotificationService(loadMailConfig()), 3004);
