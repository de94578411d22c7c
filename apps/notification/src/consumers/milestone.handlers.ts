import type { HandlerRegistration } from '@homeward/messaging';
import type { ServiceContext } from '@homeward/runtime';
import { createEmailDelivery, type DeliveryDependencies } from './email-delivery';
import { guardianContactsHandlers } from './guardian-contacts.handlers';
import { createGuardianNotifier } from './guardian-notifier';
import { legalMilestoneHandlers } from './legal-milestone.handlers';
import { movementMilestoneHandlers } from './movement-milestone.handlers';
import { programmeParticipantsHandlers } from './programme-participants.handlers';

/** Every event that concerns a guardian, from intake, legal and logistics. */
export function milestoneHandlers(deps: DeliveryDependencies) {
  return (context: ServiceContext): HandlerRegistration[] => {
    const notifier = createGuardianNotifier(context, createEmailDelivery(context, deps));
    return [...programmeParticipantsHandlers(context), ...guardianContactsHandlers(notifier), ...legalMilestoneHandlers(notifier), ...movementMilestoneHandlers(context, notifier)];
  };
}
