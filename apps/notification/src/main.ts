import { telemetry } from './instrumentation';
import { runService } from '@homeward/runtime';
import { loadMailConfig } from './mail/mail.config';
import { createNotificationService } from './notification.service';

void runService(createNotificationService(loadMailConfig()), 3004, telemetry);
