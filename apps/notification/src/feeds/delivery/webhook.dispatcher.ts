import { randomUUID } from 'node:crypto';
import { SubscriptionPausedV1, SubscriptionPauseCause } from '@homeward/contracts';
import { backoffDelay, sleep } from '@homeward/messaging';
import type { AggregateStore } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import { DeliveryKind, signingSecrets, SubscriptionStatus, type SubscriptionRecord } from '../domain/subscription';
import type { FeedsConfig } from '../feeds.config';
import type { FeedStore } from '../store/feed.store';
import type { WebhookDeliveryModels, WebhookProgress } from '../store/webhook-delivery.model';
import { webhookBody, webhookId } from './webhook-message';
import { sendWebhook, type ResolveHost } from './webhook.sender';

const BATCH = 20;
export const DISPATCHER = 'webhook-dispatcher';

export interface WebhookDispatcherDeps {
  readonly context: ServiceContext;
  readonly subscriptions: AggregateStore<SubscriptionRecord>;
  readonly feed: FeedStore;
  readonly delivery: WebhookDeliveryModels;
  readonly config: FeedsConfig;
  /** How host names are resolved at send time (the system resolver unless a test gives one). */
  readonly resolve?: ResolveHost;
}

/**
 * Delivers each active webhook subscription's feed in cursor order, one
 * entry at a time: the next entry only after the endpoint accepted the
 * previous one. A failure is logged and retried with exponential backoff;
 * after FEEDS_WEBHOOK_MAX_FAILURES failures in a row the subscription is
 * paused (with an event) until an admin resumes it. Delivery is at least
 * once: a receiver drops repeats by webhook-id.
 */
export function createWebhookDispatcher(deps: WebhookDispatcherDeps) {
  const { context, subscriptions, feed, delivery, config } = deps;
  const stopping = new AbortController();
  let running: Promise<void> | undefined;

  const progressOf = async (subscriptionId: string): Promise<WebhookProgress> =>
    (await delivery.progress.findById(subscriptionId).lean()) ?? { _id: subscriptionId, deliveredThrough: 0, consecutiveFailures: 0, nextAttemptAt: new Date(0) };
  const saveProgress = (progress: WebhookProgress) =>
    delivery.progress.updateOne({ _id: progress._id }, { $set: { deliveredThrough: progress.deliveredThrough, consecutiveFailures: progress.consecutiveFailures, nextAttemptAt: progress.nextAttemptAt } }, { upsert: true });

  async function pause(subscriptionId: string, failures: number): Promise<void> {
    const current = await subscriptions.find(subscriptionId);
    if (!current || current.status !== SubscriptionStatus.active) return;
    const now = new Date().toISOString();
    const paused = context.events(
      SubscriptionPausedV1,
      { subscriptionId, agency: current.agency, cause: SubscriptionPauseCause.deliveryFailures, consecutiveFailures: failures, pausedAt: now },
      { correlationid: randomUUID() },
    );
    // A concurrent admin change wins; the next round sees the new state.
    await subscriptions
      .update(subscriptionId, current.version, { status: SubscriptionStatus.paused, pausedCause: SubscriptionPauseCause.deliveryFailures, updatedAt: now, updatedBy: DISPATCHER }, [paused])
      .then(() => context.published())
      .catch((error: unknown) => context.logger.warn({ err: error, subscriptionId }, 'could not pause the subscription; retrying next round'));
  }

  async function deliverSome(subscription: SubscriptionRecord & { _id: string }): Promise<void> {
    let progress = await progressOf(subscription._id);
    if (progress.nextAttemptAt.getTime() > Date.now()) return;
    const entries = await feed.readAfter(subscription._id, progress.deliveredThrough, BATCH);
    for (const entry of entries) {
      if (stopping.signal.aborted) return;
      const id = webhookId(subscription._id, entry.seq);
      const outcome = await sendWebhook({
        url: subscription.webhookUrl!,
        secrets: signingSecrets(subscription, new Date()),
        id,
        body: webhookBody(subscription._id, entry),
        timeoutMs: config.FEEDS_WEBHOOK_TIMEOUT_MS,
        policy: { production: config.production },
        ...(deps.resolve ? { resolve: deps.resolve } : {}),
      });
      await delivery.attempts.collection.insertOne({
        _id: randomUUID(),
        subscriptionId: subscription._id,
        cursor: entry.seq,
        eventId: entry.eventId,
        eventType: entry.type,
        webhookId: id,
        attempt: progress.consecutiveFailures + 1,
        outcome: outcome.ok ? 'delivered' : 'failed',
        ...(outcome.statusCode === undefined ? {} : { statusCode: outcome.statusCode }),
        ...(outcome.error === undefined ? {} : { error: outcome.error }),
        durationMs: outcome.durationMs,
        attemptedAt: new Date(),
      } as never);
      if (outcome.ok) {
        progress = { ...progress, deliveredThrough: entry.seq, consecutiveFailures: 0, nextAttemptAt: new Date() };
        await saveProgress(progress);
        continue;
      }
      const failures = progress.consecutiveFailures + 1;
      const delay = failures >= config.FEEDS_WEBHOOK_MAX_FAILURES ? 0 : backoffDelay(failures - 1, { initialMs: config.FEEDS_RETRY_INITIAL_MS, maxMs: config.FEEDS_RETRY_MAX_MS });
      await saveProgress({ ...progress, consecutiveFailures: failures, nextAttemptAt: new Date(Date.now() + delay) });
      context.logger.warn({ subscriptionId: subscription._id, cursor: entry.seq, failures, delay, error: outcome.error }, 'webhook delivery failed');
      if (failures >= config.FEEDS_WEBHOOK_MAX_FAILURES) await pause(subscription._id, failures);
      return;
    }
  }

  async function round(): Promise<void> {
    const due = await subscriptions.model
      .find({ status: SubscriptionStatus.active, delivery: DeliveryKind.webhook })
      .lean<Array<SubscriptionRecord & { _id: string }>>();
    await Promise.all(
      due.map((s) => deliverSome(s).catch((error: unknown) => context.logger.warn({ err: error, subscriptionId: s._id }, 'webhook round failed; retrying next round'))),
    );
  }

  return {
    start(): void {
      running = (async () => {
        while (!stopping.signal.aborted) {
          await round().catch((error: unknown) => context.logger.warn({ err: error }, 'webhook dispatcher round failed'));
          await sleep(config.FEEDS_POLL_MS, stopping.signal);
        }
      })();
    },
    async stop(): Promise<void> {
      stopping.abort();
      await running;
    },
  };
}
