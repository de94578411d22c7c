import type { Model } from 'mongoose';
import type { ServiceDefinition } from '@homeward/runtime';
import { guardianContactsHandlers, milestoneHandlers } from './consumers/milestone.handlers';
import { deliveryRoutes } from './http/delivery.routes';
import type { MailConfig } from './mail/mail.config';
import { createMailer } from './mail/mailer';
import { registerDeliveryModel } from './store/delivery.model';
import { registerGuardianContactsModel } from './store/guardian-contacts.model';

export function createNotificationService(mail: MailConfig): ServiceDefinition {
  const mailer = createMailer(mail);
  return {
    name: 'notification',
    models: (connection) => {
      registerGuardianContactsModel(connection);
      return [registerDeliveryModel(connection) as unknown as Model<never>];
    },
    routes: deliveryRoutes,
    handlers: milestoneHandlers(mailer),
    // Deliveries are not here: they record e-mails sent, which a replay must never send again.
    projections: (context) => [{ collection: 'guardian_contacts', handlers: guardianContactsHandlers(context) }],
    close: () => mailer.close(),
  };
}
