import type { Model } from 'mongoose';
import type { ServiceDefinition } from '@homeward/runtime';
import { milestoneHandlers } from './consumers/milestone.handlers';
import { deliveryRoutes } from './http/delivery.routes';
import { notificationRoutes } from './http/notification.routes';
import { previewRoutes } from './http/preview.routes';
import { unsubscribeRoutes } from './http/unsubscribe.routes';
import type { MailConfig } from './mail/mail.config';
import { createMailer } from './mail/mailer';
import { createMilestoneRenderer } from './mail/milestone-email.renderer';
import { mailpitSentMailLookup } from './mail/sent-mail-lookup';
import { loadTemplateCatalog } from './mail/template-catalog';
import { loadUnsubscribePage } from './mail/unsubscribe-page';
import { registerCaseMovementModel } from './store/case-movement.model';
import { registerDeliveryModel } from './store/delivery.model';
import { registerGuardianContactsModel } from './store/guardian-contacts.model';
import { registerOptOutModel } from './store/opt-out.model';

export function createNotificationService(mail: MailConfig): ServiceDefinition {
  const mailer = createMailer(mail);
  const render = createMilestoneRenderer(loadTemplateCatalog());
  const sentMailLookup = mail.SENT_MAIL_LOOKUP_URL ? mailpitSentMailLookup(mail.SENT_MAIL_LOOKUP_URL) : undefined;
  return {
    name: 'notification',
    models: (connection) => {
      registerGuardianContactsModel(connection);
      registerCaseMovementModel(connection);
      // The models whose commits carry events for the relay.
      return [registerDeliveryModel(connection), registerOptOutModel(connection)] as unknown as Model<never>[];
    },
    routes: notificationRoutes([deliveryRoutes, previewRoutes(render), unsubscribeRoutes(mail.UNSUBSCRIBE_KEY, loadUnsubscribePage())]),
    handlers: milestoneHandlers({ mailer, render, config: mail, ...(sentMailLookup ? { sentMailLookup } : {}) }),
    close: () => mailer.close(),
  };
}
