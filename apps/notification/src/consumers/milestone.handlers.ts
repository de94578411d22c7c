import { CaseAssignedV1, CaseRegisteredV2, Milestone } from '@homeward/contracts';
import { TransientError } from '@homeward/errors';
import { on, type HandlerRegistration } from '@homeward/messaging';
import { AggregateStore } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import { renderAssignedEmail } from '../domain/assigned-email';
import type { Mailer } from '../mail/mailer';
import { registerGuardianContactsModel, type GuardianContactsRecord } from '../store/guardian-contacts.model';
import { createEmailDelivery } from './email-delivery';

/** The local copy of every case's guardians and child names, from the registration. */
export function guardianContactsHandlers(context: ServiceContext): HandlerRegistration[] {
  const contacts = new AggregateStore<GuardianContactsRecord>(registerGuardianContactsModel(context.connection));
  return [
    on(CaseRegisteredV2, async (event) => {
      const { names, guardians } = event.data.personal;
      await contacts.create(event.data.caseId, { childNames: names, guardians }, [], event.id);
    }),
  ];
}

export function milestoneHandlers(mailer: Mailer) {
  return (context: ServiceContext): HandlerRegistration[] => {
    const contacts = new AggregateStore<GuardianContactsRecord>(registerGuardianContactsModel(context.connection));
    const deliver = createEmailDelivery(context, mailer);

    return [
      ...guardianContactsHandlers(context),
      on(CaseAssignedV1, async (event) => {
        const known = await contacts.find(event.data.caseId);
        // Registration and assignment travel on different topics: the
        // assignment may overtake it. Wait for the contacts rather than drop the e-mail.
        if (!known) throw new TransientError(`no guardian contacts for case ${event.data.caseId} yet`);
        for (const guardian of known.guardians) {
          const email = renderAssignedEmail({
            guardianName: guardian.name,
            childNames: known.childNames,
            language: guardian.preferredLanguage,
            flight: event.data.flight,
          });
          await deliver(
            { caseId: event.data.caseId, guardianId: guardian.guardianId, milestone: Milestone.assigned, to: guardian.email, email },
            { correlationid: event.correlationid, causationid: event.id },
          );
        }
      }),
    ];
  };
}
