import type { Model } from 'mongoose';
import type { ServiceDefinition } from '@homeward/runtime';
import { milestoneHandlers } from './consumers/milestone.handlers';
import { notificationProjections } from './consumers/notification.projections';
import { createFeedsModule, loadFeedsConfig, type FeedsConfig } from './feeds';
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
import { registerProgrammeParticipantsModel } from './store/programme-participants.model';

export function createNotificationService(mail: MailConfig, feedsConfig: FeedsConfig = loadFeedsConfig()): ServiceDefinition {
  const mailer = createMailer(mail);
  const feeds = createFeedsModule(feedsConfig);
  const render = createMilestoneRenderer(loadTemplateCatalog());
  const sentMailLookup = mail.SENT_MAIL_LOOKUP_URL ? mailpitSentMailLookup(mail.SENT_MAIL_LOOKUP_URL) : undefined;
  return {
    name: 'notification',
    // Every aggregate goes to the relay, also the local copies whose commits
    // carry no events: the relay takes their outbox entries off (they piled up)
    // and repairs their current-state documents after a crash.
    models: (connection) => {
      registerProgrammeParticipantsModel(connection);
      return [
        registerDeliveryModel(connection),
        registerOptOutModel(connection),
        registerGuardianContactsModel(connection),
        registerCaseMovementModel(connection),
        ...feeds.models(connection),
      ] as unknown as Model<never>[];
    },
    // The signed unsubscribe link answers without a bearer token: its token is its proof.
    publicRoutes: notificationRoutes([unsubscribeRoutes(mail.UNSUBSCRIBE_KEY, loadUnsubscribePage())]),
    routes: (app, context) => {
      notificationRoutes([deliveryRoutes, previewRoutes(render)])(app, context);
      // The same router (createApiRouter answers one per app), so /openapi.json documents the feeds too.
      feeds.routes(app, context);
    },
    handlers: milestoneHandlers({ mailer, render, config: mail, ...(sentMailLookup ? { sentMailLookup } : {}) }),
    consumers: [feeds.consumer],
    projections: notificationProjections,
    workers: feeds.workers,
    close: () => mailer.close(),
  };
}
