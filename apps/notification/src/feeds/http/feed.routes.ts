import type { Express } from 'express';
import { NotFoundError } from '@homeward/errors';
import { createApiRouter } from '@homeward/http';
import type { AggregateStore } from '@homeward/persistence';
import { FeedRole, requireRole, SubscriptionStatus, type SubscriptionRecord } from '../domain/subscription';
import { feedItem } from '../delivery/webhook-message';
import type { FeedStore } from '../store/feed.store';
import { actorOf } from './actor';
import { FeedPage, FeedQuery, SubscriptionParams } from './subscription.schemas';

/**
 * The pull feed: entries after a cursor, in cursor order, redacted as the
 * webhook deliveries are. Readable while the subscription is paused (pausing
 * stops pushes, not the record). Until authentication lands, the agency
 * observer role is checked but not that the caller belongs to the agency.
 */
export function feedRoutes(app: Express, deps: { store: AggregateStore<SubscriptionRecord>; feed: FeedStore }): void {
  const api = createApiRouter(app, { title: 'Homeward notification API', version: '1.0.0' });
  api.get(
    '/feeds/:subscriptionId/events',
    { permission: 'feed:read', summary: "A subscription's events after a cursor, oldest first (agency-observer or admin).", params: SubscriptionParams, query: FeedQuery, responses: { 200: FeedPage } },
    async ({ params, query }, req, res) => {
      requireRole(actorOf(req).roles, [FeedRole.agencyObserver, FeedRole.admin], 'reading a feed');
      const subscription = await deps.store.find(params.subscriptionId);
      if (!subscription || subscription.status === SubscriptionStatus.deleted) throw new NotFoundError(`subscription ${params.subscriptionId} does not exist`);
      const entries = await deps.feed.readAfter(subscription._id, Number(query.after), query.limit);
      const items = entries.map(feedItem);
      res.json({ subscriptionId: subscription._id, items, next: items.at(-1)?.cursor ?? query.after });
    },
  );
}
