import { CaseAssignedV1, MovementCancelledV1, MovementRescheduledV1 } from '@homeward/contracts';
import type { Projection, ServiceContext } from '@homeward/runtime';
import type { EmailDelivery } from './email-delivery';
import { guardianContactsHandlers } from './guardian-contacts.handlers';
import { createGuardianNotifier, type GuardianNotifier } from './guardian-notifier';
import { movementMilestoneHandlers } from './movement-milestone.handlers';

/** The flight events that write the case's movement copy; arrival and handover only read it. */
const MOVEMENT_COPY_EVENTS: ReadonlySet<string> = new Set([CaseAssignedV1.type, MovementRescheduledV1.type, MovementCancelledV1.type]);

const nothingDelivered: EmailDelivery = async () => {
  throw new Error('a rebuild sends no e-mail');
};

/**
 * What `npm run rebuild -- notification` replays: the copies the guardian
 * e-mails are written from, by the very handlers the service runs, with the
 * e-mail taken out (the deliveries and their events are notification's own
 * truth, never rebuilt nor sent again). Neither copy emits an event, so the
 * rebuild publishes nothing.
 *
 * Not here: deliveries and opt-outs (notification's own commands and
 * side effects), subscriptions and the webhook deliveries (an admin's
 * commands), the feeds (an entry per subscription as it was subscribed at
 * the time) and the feeds' local copies (their stage follows the order the
 * topics arrived in, which a replay does not reproduce).
 */
export function notificationProjections(context: ServiceContext): Projection[] {
  const notifier: GuardianNotifier = { ...createGuardianNotifier(context, nothingDelivered), notify: async () => undefined };
  return [
    { collection: 'guardian_contacts', handlers: guardianContactsHandlers(notifier) },
    { collection: 'case_movements', handlers: movementMilestoneHandlers(context, notifier).filter((h) => MOVEMENT_COPY_EVENTS.has(h.definition.type)) },
  ];
}
