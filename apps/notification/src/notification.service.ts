import type { Model } from 'mongoose';
import type { ServiceDefinition } from '@homeward/runtime';
import { milestoneHandlers } from './consumers/milestone.handlers';
import { createFeedsModule, loadFeedsConfig, type FeedsConfig } from './feeds';
import { deliveryRoutes } from './http/delivery.routes';
import type { MailConfig } from './mail/mail.config';
import { createMailer } from './mail/mailer';
import { registerDeliveryModel } from './store/delivery.model';
import { registerGuardianContactsModel } from './store/guardian-contacts.model';

export function createNotificationService(mail: MailConfig, feedsConfig: FeedsConfig = loadFeedsConfig()): ServiceDefinition {
  const mailer = createMailer(mail);
  const feeds = createFeedsModule(feedsConfig);
  return {
    name: 'notification',
    models: (connection) => {
      registerGuardianContactsModel(connection);
      return [registerDeliveryModel(connection) as unknown as Model<never>, ...feeds.models(connection)];
    },
    routes: (app, context) => {
      deliveryRoutes(app, context);
      feeds.routes(app, context);
    },
    handlers: milestoneHandlers(mailer),
    consumers: [feeds.consumer],
    workers: feeds.workers,
    close: () => mailer.close(),
  };
}
