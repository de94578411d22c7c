import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { SubscriptionPauseCause, SubscriptionPausedV1, SubscriptionResumedV1 } from '@homeward/contracts';
import { ConflictError, NotFoundError, RuleViolationError, ValidationError } from '@homeward/errors';
import { createApiRouter } from '@homeward/http';
import type { AggregateStore, Snapshot } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import { newPseudonymKey } from '../domain/case-reference';
import { checkEntitlement, DeliveryKind, FeedRole, requireRole, SubscriptionStatus, type SubscriptionRecord } from '../domain/subscription';
import { webhookUrlProblem } from '../domain/webhook-address';
import { newWebhookSecret } from '../delivery/webhook-signature';
import type { FeedsConfig } from '../feeds.config';
import type { WebhookDeliveryModels } from '../store/webhook-delivery.model';
import { actorOf } from './actor';
import {
  CreatedSubscription,
  CreateSubscriptionBody,
  DeliveriesQuery,
  DeliveryLog,
  ListSubscriptionsQuery,
  RotatedSecret,
  SecretRotationBody,
  SubscriptionList,
  SubscriptionParams,
  SubscriptionView,
  UpdateSubscriptionBody,
} from './subscription.schemas';

const ADMIN = [FeedRole.admin];

export function viewOf(s: Snapshot<SubscriptionRecord>) {
  return {
    subscriptionId: s._id,
    agency: s.agency,
    eventTypes: s.eventTypes,
    programmes: s.programmes,
    destinationStates: s.destinationStates,
    personalData: s.personalData,
    delivery: { kind: s.delivery, ...(s.webhookUrl ? { url: s.webhookUrl } : {}) },
    ...(s.previousWebhookSecretUntil && Date.parse(s.previousWebhookSecretUntil) > Date.now() ? { previousSecretSignsUntil: s.previousWebhookSecretUntil } : {}),
    status: s.status,
    ...(s.status === SubscriptionStatus.paused && s.pausedCause ? { pausedCause: s.pausedCause } : {}),
    createdAt: s.createdAt,
    createdBy: s.createdBy,
    updatedAt: s.updatedAt,
    updatedBy: s.updatedBy,
    version: s.version,
  };
}

/** Subscriptions are managed by admins only: who receives what about the children is the most sensitive decision here. */
export function subscriptionRoutes(app: Express, context: ServiceContext, deps: { store: AggregateStore<SubscriptionRecord>; delivery: WebhookDeliveryModels; config: FeedsConfig }): void {
  const { store, delivery, config } = deps;
  const api = createApiRouter(app, { title: 'Homeward notification API', version: '1.0.0' });
  const existing = async (id: string) => {
    const found = await store.find(id);
    if (!found || found.status === SubscriptionStatus.deleted) throw new NotFoundError(`subscription ${id} does not exist`);
    return found;
  };
  // Where webhooks may go depends on the deployment (https; no internal address in production), so it is checked here, after the schema.
  const checkWebhookUrl = (url: string | undefined, field: string) => {
    const problem = url === undefined ? undefined : webhookUrlProblem(url, { production: config.production });
    if (problem) throw new ValidationError(`The webhook URL ${problem}.`, [{ field, message: `the webhook URL ${problem}` }]);
  };
  const correlation = (req: { get(name: string): string | undefined }) => ({ correlationid: req.get('x-request-id') ?? randomUUID() });

  api.post(
    '/subscriptions',
    { permission: 'subscription:manage', summary: 'Subscribe an agency to event types (admin). A webhook subscription’s signing secret is in this answer only.', body: CreateSubscriptionBody, responses: { 201: CreatedSubscription } },
    async ({ body }, req, res) => {
      const actor = actorOf(req);
      requireRole(actor.roles, ADMIN, 'managing subscriptions');
      checkWebhookUrl(body.delivery.kind === DeliveryKind.webhook ? body.delivery.url : undefined, '/delivery/url');
      checkEntitlement(body.agency, body.personalData, config.FEEDS_FULL_DATA_AGENCIES);
      const now = new Date().toISOString();
      const id = randomUUID();
      const record: SubscriptionRecord = {
        agency: body.agency,
        eventTypes: body.eventTypes,
        programmes: body.programmes,
        destinationStates: body.destinationStates,
        personalData: body.personalData,
        delivery: body.delivery.kind,
        ...(body.delivery.kind === DeliveryKind.webhook ? { webhookUrl: body.delivery.url, webhookSecret: newWebhookSecret() } : {}),
        pseudonymKey: newPseudonymKey(),
        status: SubscriptionStatus.active,
        createdAt: now,
        createdBy: actor.userId,
        updatedAt: now,
        updatedBy: actor.userId,
      };
      await store.createOrConflict(id, record, [], 'subscription');
      res
        .status(201)
        .location(`/subscriptions/${id}`)
        .json({ ...viewOf({ ...record, _id: id, version: 1 }), ...(record.webhookSecret ? { webhookSecret: record.webhookSecret } : {}) });
    },
  );

  api.get('/subscriptions', { permission: 'subscription:manage', summary: 'The subscriptions, optionally of one agency or in one status (admin).', query: ListSubscriptionsQuery, responses: { 200: SubscriptionList } }, async ({ query }, req, res) => {
    requireRole(actorOf(req).roles, ADMIN, 'reading subscriptions');
    const statuses = query.status ? [query.status] : [SubscriptionStatus.active, SubscriptionStatus.paused];
    const found = await store.model
      .find({ status: { $in: statuses }, ...(query.agency ? { agency: query.agency } : {}) })
      .sort({ createdAt: 1 })
      .lean<Array<Snapshot<SubscriptionRecord>>>();
    res.json({ subscriptions: found.map(viewOf) });
  });

  api.get('/subscriptions/:subscriptionId', { permission: 'subscription:manage', summary: 'One subscription, without its secrets (admin).', params: SubscriptionParams, responses: { 200: SubscriptionView } }, async ({ params }, req, res) => {
    requireRole(actorOf(req).roles, ADMIN, 'reading subscriptions');
    res.json(viewOf(await existing(params.subscriptionId)));
  });

  api.patch(
    '/subscriptions/:subscriptionId',
    { permission: 'subscription:manage', summary: 'Changes the event types, filters, personal-data level or webhook URL (admin). Applies to events consumed from now on.', params: SubscriptionParams, body: UpdateSubscriptionBody, responses: { 200: SubscriptionView } },
    async ({ params, body }, req, res) => {
      const actor = actorOf(req);
      requireRole(actor.roles, ADMIN, 'managing subscriptions');
      checkWebhookUrl(body.webhookUrl, '/webhookUrl');
      const current = await existing(params.subscriptionId);
      if (body.webhookUrl && current.delivery !== DeliveryKind.webhook) {
        throw new RuleViolationError('webhook-url-needs-webhook-delivery', `subscription ${current._id} is delivered by pull feed; it has no webhook URL to change`);
      }
      if (body.personalData) checkEntitlement(current.agency, body.personalData, config.FEEDS_FULL_DATA_AGENCIES);
      const saved = await store.update(current._id, current.version, { ...body, updatedAt: new Date().toISOString(), updatedBy: actor.userId }, [], 'subscription');
      res.json(viewOf(saved));
    },
  );

  api.post(
    '/subscriptions/:subscriptionId/secret-rotation',
    {
      permission: 'subscription:manage',
      summary:
        'Gives a webhook subscription a new signing secret (admin), shown in this answer only. The previous secret keeps signing beside it (two signatures in webhook-signature) until overlapMs has passed; the cursor and the delivery log stay as they are.',
      params: SubscriptionParams,
      body: SecretRotationBody,
      responses: { 200: RotatedSecret },
    },
    async ({ params, body }, req, res) => {
      const actor = actorOf(req);
      requireRole(actor.roles, ADMIN, 'managing subscriptions');
      const current = await existing(params.subscriptionId);
      if (current.delivery !== DeliveryKind.webhook || !current.webhookSecret) {
        throw new RuleViolationError('secret-needs-webhook-delivery', `subscription ${current._id} is delivered by pull feed; it has no webhook secret to rotate`);
      }
      const now = new Date();
      const overlapMs = body.overlapMs ?? config.FEEDS_SECRET_OVERLAP_MS;
      const secret = newWebhookSecret();
      const saved = await store.update(
        current._id,
        current.version,
        {
          webhookSecret: secret,
          previousWebhookSecret: overlapMs > 0 ? current.webhookSecret : undefined,
          previousWebhookSecretUntil: overlapMs > 0 ? new Date(now.getTime() + overlapMs).toISOString() : undefined,
          updatedAt: now.toISOString(),
          updatedBy: actor.userId,
        },
        [],
        'subscription',
      );
      res.json({ ...viewOf(saved), webhookSecret: secret });
    },
  );

  api.post('/subscriptions/:subscriptionId/pause', { permission: 'subscription:manage', summary: 'Stops deliveries (admin); the feed keeps recording events.', params: SubscriptionParams, responses: { 200: SubscriptionView } }, async ({ params }, req, res) => {
    const actor = actorOf(req);
    requireRole(actor.roles, ADMIN, 'managing subscriptions');
    const current = await existing(params.subscriptionId);
    if (current.status !== SubscriptionStatus.active) throw new ConflictError(`subscription ${current._id} is already paused`);
    const now = new Date().toISOString();
    const progress = await delivery.progress.findById(current._id).lean();
    const paused = context.events(
      SubscriptionPausedV1,
      { subscriptionId: current._id, agency: current.agency, cause: SubscriptionPauseCause.admin, consecutiveFailures: progress?.consecutiveFailures ?? 0, pausedAt: now },
      correlation(req),
    );
    const saved = await store.update(current._id, current.version, { status: SubscriptionStatus.paused, pausedCause: SubscriptionPauseCause.admin, updatedAt: now, updatedBy: actor.userId }, [paused], 'subscription');
    context.published();
    res.json(viewOf(saved));
  });

  api.post(
    '/subscriptions/:subscriptionId/resume',
    { permission: 'subscription:manage', summary: 'Resumes deliveries from the first entry the endpoint has not accepted (admin).', params: SubscriptionParams, responses: { 200: SubscriptionView } },
    async ({ params }, req, res) => {
      const actor = actorOf(req);
      requireRole(actor.roles, ADMIN, 'managing subscriptions');
      const current = await existing(params.subscriptionId);
      if (current.status !== SubscriptionStatus.paused) throw new ConflictError(`subscription ${current._id} is not paused`);
      const now = new Date().toISOString();
      const resumed = context.events(SubscriptionResumedV1, { subscriptionId: current._id, agency: current.agency, resumedAt: now }, correlation(req));
      // Failures start counting afresh and the next attempt is now; the cursor stays where the endpoint left it.
      await delivery.progress.updateOne({ _id: current._id }, { $set: { consecutiveFailures: 0, nextAttemptAt: new Date() } });
      const saved = await store.update(current._id, current.version, { status: SubscriptionStatus.active, pausedCause: undefined, updatedAt: now, updatedBy: actor.userId }, [resumed], 'subscription');
      context.published();
      res.json(viewOf(saved));
    },
  );

  api.delete('/subscriptions/:subscriptionId', { permission: 'subscription:manage', summary: 'Ends the subscription (admin): no more entries or deliveries, the secret is forgotten.', params: SubscriptionParams, responses: { 204: { description: 'Ended; no body.', contentType: 'text/plain' } } }, async ({ params }, req, res) => {
    const actor = actorOf(req);
    requireRole(actor.roles, ADMIN, 'managing subscriptions');
    const current = await existing(params.subscriptionId);
    await store.update(current._id, current.version, { status: SubscriptionStatus.deleted, webhookSecret: undefined, previousWebhookSecret: undefined, updatedAt: new Date().toISOString(), updatedBy: actor.userId }, [], 'subscription');
    // Crypto-shredding of the secrets: every earlier commit of the subscription held them sealed with this key.
    await context.privacy.erase(current._id);
    res.status(204).end();
  });

  api.get(
    '/subscriptions/:subscriptionId/deliveries',
    { permission: 'subscription:manage', summary: 'The webhook delivery log: every attempt, its answer and the cursor delivered so far (admin).', params: SubscriptionParams, query: DeliveriesQuery, responses: { 200: DeliveryLog } },
    async ({ params, query }, req, res) => {
      requireRole(actorOf(req).roles, ADMIN, 'reading the delivery log');
      const current = await existing(params.subscriptionId);
      const [progress, attempts] = await Promise.all([
        delivery.progress.findById(current._id).lean(),
        delivery.attempts.find({ subscriptionId: current._id }).sort({ attemptedAt: 1 }).limit(query.limit).lean(),
      ]);
      res.json({
        subscriptionId: current._id,
        deliveredThrough: String(progress?.deliveredThrough ?? 0),
        consecutiveFailures: progress?.consecutiveFailures ?? 0,
        ...(progress ? { nextAttemptAt: progress.nextAttemptAt.toISOString() } : {}),
        attempts: attempts.map(({ _id, subscriptionId: _s, cursor, attemptedAt, ...a }) => ({ ...a, cursor: String(cursor), attemptedAt: attemptedAt.toISOString() })),
      });
    },
  );
}
