import type { Express } from 'express';
import type { Connection, Model } from 'mongoose';
import type { HandlerRegistration } from '@homeward/messaging';
import { AggregateStore } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import { feedHandlers } from './consumers/feed.handlers';
import { createWebhookDispatcher } from './delivery/webhook.dispatcher';
import type { FeedsConfig } from './feeds.config';
import { feedRoutes } from './http/feed.routes';
import { subscriptionRoutes } from './http/subscription.routes';
import { FeedStore } from './store/feed.store';
import { registerLocalCopyModels } from './store/local-copy.model';
import { registerSubscriptionModel } from './store/subscription.model';
import { registerWebhookDeliveryModels } from './store/webhook-delivery.model';

export { loadFeedsConfig, type FeedsConfig } from './feeds.config';

export interface FeedsModule {
  /** Registers the feeds' models; returns those whose events go through the outbox (subscriptions). */
  models(connection: Connection): Model<never>[];
  routes(app: Express, context: ServiceContext): void;
  /** The feeds consume on their own group, so their lag and retries never hold back the guardians' e-mails. */
  readonly consumer: { readonly name: string; readonly handlers: (context: ServiceContext) => readonly HandlerRegistration[] };
  workers(context: ServiceContext): ReadonlyArray<{ start(): void; stop(): Promise<void> }>;
}

/**
 * Inter-agency event feeds (DESIGN "Notification"): admin-managed
 * subscriptions, per-subscription feeds redacted to the subscription's
 * personal-data level, signed webhook delivery and the pull feed.
 */
export function createFeedsModule(config: FeedsConfig): FeedsModule {
  const stores = ({ connection, privacy }: Pick<ServiceContext, 'connection' | 'privacy'>) => ({
    subscriptions: new AggregateStore(registerSubscriptionModel(connection)),
    feed: new FeedStore(connection, config.FEEDS_GAP_SETTLE_MS, privacy),
    copies: registerLocalCopyModels(connection),
    delivery: registerWebhookDeliveryModels(connection),
  });
  return {
    models(connection) {
      registerLocalCopyModels(connection);
      registerWebhookDeliveryModels(connection);
      new FeedStore(connection, config.FEEDS_GAP_SETTLE_MS);
      return [registerSubscriptionModel(connection) as unknown as Model<never>];
    },
    routes(app, context) {
      const { subscriptions, feed, delivery } = stores(context);
      subscriptionRoutes(app, context, { store: subscriptions, delivery, config });
      feedRoutes(app, { store: subscriptions, feed });
    },
    consumer: {
      name: 'feeds',
      handlers: (context) => {
        const { subscriptions, feed, copies } = stores(context);
        return feedHandlers({ copies, subscriptions: subscriptions.model, feed, privacy: context.privacy });
      },
    },
    workers(context) {
      const { subscriptions, feed, delivery } = stores(context);
      return [createWebhookDispatcher({ context, subscriptions, feed, delivery, config })];
    },
  };
}
