import type { EventEnvelope, Milestone } from '@homeward/contracts';
import { TransientError } from '@homeward/errors';
import { AggregateStore } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import { registerGuardianContactsModel, type GuardianContactsRecord } from '../store/guardian-contacts.model';
import type { DeliveryRequest, EmailDelivery } from './email-delivery';

export type MilestoneDetails = Pick<DeliveryRequest, 'occurrence' | 'flight' | 'at'>;

/** Writes to every guardian of a case about one milestone, each through the idempotent delivery. */
export function createGuardianNotifier(context: ServiceContext, deliver: EmailDelivery) {
  const contacts = new AggregateStore<GuardianContactsRecord>(registerGuardianContactsModel(context.connection));
  return {
    contacts,
    async notify(caseId: string, milestone: Milestone, details: MilestoneDetails, cause: EventEnvelope): Promise<void> {
      const known = await contacts.find(caseId);
      // Registration travels on intake's topic, the milestones on legal's and
      // logistics': one may overtake it. Wait for the contacts rather than drop the e-mail.
      if (!known) throw new TransientError(`no guardian contacts for case ${caseId} yet`);
      for (const guardian of known.guardians) {
        await deliver(
          { caseId, milestone, ...details, guardian, childNames: known.childNames },
          { correlationid: cause.correlationid, causationid: cause.id },
        );
      }
    },
  };
}

export type GuardianNotifier = ReturnType<typeof createGuardianNotifier>;
